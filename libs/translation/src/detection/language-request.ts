import { ProjectLanguage, toProjectLanguage } from '../languages';

/** How families name their language when they text it to us, folded by `fold`. */
const NAMES: Record<ProjectLanguage, string[]> = {
  en: ['english', 'ingles', 'anglais', 'angle', 'tieng anh', 'ingiriisi', 'ingles po', 'английский', '英文', '英语', '英語', '영어', 'الانجليزية', 'انجليزي'],
  es: ['espanol', 'spanish', 'castellano', 'espagnol'],
  'zh-Hans': ['中文', '汉语', '汉字', '简体', '简体中文', '普通话', '国语', 'chinese', 'mandarin', 'simplified chinese', 'zhongwen'],
  'zh-Hant': ['繁體', '繁體中文', '繁体中文', '正體中文', '國語', '廣東話', '广东话', '粵語', '粤语', 'traditional chinese', 'cantonese'],
  vi: ['tieng viet', 'tiengviet', 'vietnamese', 'viet'],
  ar: ['العربية', 'عربي', 'العربي', 'عربى', 'arabic', 'arabe'],
  so: ['somali', 'soomaali', 'af soomaali', 'afsoomaali'],
  ht: ['kreyol', 'kreyol ayisyen', 'ayisyen', 'creole', 'haitian creole', 'haitian', 'creole haitien'],
  pt: ['portugues', 'portuguese', 'portugais'],
  ru: ['русский', 'русскии', 'по русски', 'по-русски', 'russian', 'russkiy', 'russkij'],
  ko: ['한국어', '한국말', '조선말', 'korean', 'hangugeo'],
  tl: ['tagalog', 'filipino', 'pilipino', 'wikang tagalog'],
  fr: ['francais', 'french', 'france'],
};

/** Case, accents, punctuation and spacing do not matter: "ESPAÑOL!", "Tiếng Việt" and "tieng viet" match. */
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const BY_NAME = new Map<string, ProjectLanguage>();
for (const [language, names] of Object.entries(NAMES) as Array<[ProjectLanguage, string[]]>) {
  for (const name of names) BY_NAME.set(fold(name), language);
}

/**
 * A family choosing its language by text: the message is only the language's name, in that
 * language or in English ("ESPAÑOL", "Tiếng Việt", "SOMALI", "中文", "العربية", "Kreyòl"), or
 * `LANG xx` with a BCP 47 code. Returns the project code, or null when the message is anything else.
 */
export function parseLanguageRequest(text: string): ProjectLanguage | null {
  const folded = fold(text);
  if (!folded || folded.length > 40) return null;
  const command = /^(?:lang|language|idioma|langue|lengua)\s+([a-z]{2,3}(?:-[a-z0-9]{2,8})*)$/.exec(folded);
  if (command) return toProjectLanguage(command[1]);
  return BY_NAME.get(folded) ?? null;
}
