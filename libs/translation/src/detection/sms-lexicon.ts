import { LanguageCandidate } from './language-detector';

/**
 * Words families text most in each Latin-script project language — thanks, yes and no, greetings,
 * pronouns, particles and the words of a school day — written as they are typed: lower case,
 * without accents, with the usual abbreviations. A word common to several languages is listed
 * under each of them and counts for each in proportion. Statistical detectors need a few words to
 * go on; these name the language of "merci", "obg", "cam on" or "salamat po" outright.
 */
const WORDS: Record<string, string> = {
  en:
    'thanks thank thx ty tysm yes yeah yep yup nope sure got it will be the is are was were my i im ive ill me you u ur your ' +
    'he she his her him we our they them what when where who why how can could would should do does did dont didnt cant wont not ' +
    'sorry please pls plz today tomorrow tmrw tonight good great fine sounds see know have has had this that with and for of ' +
    'just need want school sick late pick up call hi hello morning there been on in at to from no ya may an men a day maam',
  es:
    'gracias si claro bueno buenos buenas vale hola que porque pero muy mucho muchas hoy manana tarde noche hijo hija hijos ' +
    'nino nina ninos esta estoy estamos voy va vamos puedo puede por favor porfa el los las lo del y yo usted mi mis tengo tiene ' +
    'donde cuando cuanto quien verdad maestra maestro escuela clases ya perdon disculpe necesito nada bien no con a de en la me ' +
    'se le su es para xq q orale sale dia dias o te',
  pt:
    'obrigado obrigada obg brigado vlw valeu sim nao voce vc ele ela eles meu minha filho filha hoje amanha tambem entao ' +
    'muito tudo bem bom boa dia escola professora professor aula pode posso vou vai tem esta estou ta ja com mais uma um da do ' +
    'das dos na no nos pra para que e o a de em me se quando quem horas hj blz beleza desculpa reuniao onibus claro certo ' +
    'tarde agora aqui isso por favor te',
  fr:
    'merci oui non bonjour bonsoir je j tu il elle nous vous on est c ce d accord dac dacc pas ne n le les la des du de au aux ' +
    'et ou mon ma mes ton ta fils fille ecole demain aujourd hui ajd svp stp bcp beaucoup desole madame monsieur avec pour qui ' +
    'quoi quand quelle quel sera suis ai a y en se me si bien mais va vient peut rdv que l te toi',
  ht:
    'mesi wi non m mwen ou w li l nou yo pa pap ap t te la an ak pou sa ki ke kote kounye jodi jodia demen lekol pitit timoun ' +
    'bonjou bonswa tanpri dako oke konprann anpil malad tout gen fe vini vin pral ka kap konn kile kijan kouman eske anko men si ' +
    'byen mezanmi grasadye dye',
  so:
    'haa maya mahadsanid mahadsan waa waan wuu ayaa ayuu ayay aad iyo ma ka ku la soo u i iska warran nabad fadlan berri maanta ' +
    'hadda dugsiga iskuulka macalin macalinka macallin ilmaha wiilka wiilku gabadha gabadhayda carruurta caruurta ah yahay ' +
    'tahay ahay karo doonaa doono jiraa waxaan wax haye insha allah oo see',
  tl:
    'po opo oo salamat hindi sige ang ng mga sa na ko ka ako siya sya nya niya kami kayo sila ito to yan yung ba naman lang din ' +
    'rin pa wala may anak bukas ngayon kanina pasok pasensya paki magandang umaga hapon gabi kasi pero ano anong sino saan ' +
    'kailan bakit paano nga talaga di maam',
  vi:
    'cam on da vang khong ko duoc dc roi nha nhe a co thay cho con toi em anh chi ban hom nay mai ngay gio may hoc truong xe ' +
    'di den ve lam biet hieu nhieu xin loi lai oke vay sao gi ai nao bao phu huynh sang chieu benh bi om sot tre tien thu giao ' +
    'vien day nghi dang se chua cua va voi nhung cung chau ba',
};

const LEXICON = new Map<string, string[]>();
for (const [language, words] of Object.entries(WORDS)) {
  for (const word of new Set(words.split(' '))) LEXICON.set(word, [...(LEXICON.get(word) ?? []), language]);
}

/** Words that say nothing of a language: "ok", "k", "lol", "haha". */
const NEUTRAL = new Set(['ok', 'okay', 'okey', 'oki', 'okk', 'k', 'kk', 'lol', 'haha', 'hehe', 'xd']);

/** The text's words, minus those that say nothing of a language ("ok 👍" has none). */
export function meaningfulWords(text: string): string[] {
  return smsWords(text).filter((w) => !NEUTRAL.has(w));
}

/** Lower case, no accents (đ as d), letters only; a letter typed three times or more counts once. */
export function smsWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/(\p{L})\1{2,}/gu, '$1')
    .split(/[^\p{L}]+/u)
    .filter(Boolean);
}

/**
 * The languages the text's known words belong to, each word counting 1 shared equally among the
 * languages it belongs to, restricted to `only`; the best first.
 */
export function lexiconCandidates(text: string, only: readonly string[]): LanguageCandidate[] {
  const scores = new Map<string, number>();
  for (const word of smsWords(text)) {
    const languages = (LEXICON.get(word) ?? []).filter((l) => only.includes(l));
    for (const language of languages) scores.set(language, (scores.get(language) ?? 0) + 1 / languages.length);
  }
  return [...scores].map(([language, score]) => ({ language, score })).sort((a, b) => b.score - a.score);
}
