import { LanguageLexicon } from './lexicon.types';

/** "dezyèm", "dezyèm nan", "dezyèm lan", "nimewo de". */
const ordinal = (...words: string[]) => words.flatMap((word) => [word, `${word} nan`, `${word} lan`, `${word} a`]);

/**
 * Haitian Creole. "de" (two), "en" (one), "sis", "set" and "dis" are ordinary words in French,
 * Spanish and English; in a district that also speaks those, they count only as the whole reply.
 */
export const ht: LanguageLexicon = {
  numbers: {
    0: ['zewo'], 1: ['en', 'youn', 'yonn'], 2: ['de'], 3: ['twa'], 4: ['kat'], 5: ['senk'], 6: ['sis'],
    7: ['sèt'], 8: ['uit', 'wit'], 9: ['nèf'], 10: ['dis'],
  },
  ordinals: {
    1: ordinal('premye'), 2: ordinal('dezyèm', 'dezièm'), 3: ordinal('twazyèm', 'twaziyèm'),
    4: ordinal('katriyèm', 'katryèm'), 5: ordinal('senkyèm'), 6: ordinal('sizyèm'), 7: ordinal('setyèm'),
    8: ordinal('uityèm'), 9: ordinal('nevyèm'), 10: ordinal('dizyèm'),
  },
  last: ordinal('dènye'),
  yes: [
    'wi', 'wi wi', 'wè', 'dakò', 'sètènman', 'wi mèsi', 'wi m ap vini', 'm ap vini', 'mwen ap vini',
    'n ap vini', 'nou ap vini', 'oke', 'wi li genyen', 'li genyen', 'wi nou genyen', 'nou genyen', 'wi wi wi',
    'san pwoblèm', 'pa gen pwoblèm', 'wi m ap la', 'm ap la',
  ],
  no: [
    'non', 'non mèsi', 'm pa ka', 'mwen pa ka', 'm pap vini', 'mwen pap vini', 'pa ditou', 'janm', 'non non',
    'li pa genyen', 'nou pa genyen', 'pa genyen', 'poko', 'm pap ka vini', 'mwen pap ka vini',
  ],
  unsure: ['mwen pa konnen', 'm pa konnen', 'pa konnen', 'petèt', 'pa sèten', 'sa depann', 'depann', 'm pa sèten'],
  several: ['tou de', 'tou lede', 'tout', 'nenpòt', 'nenpòt ki', 'tou twa'],
  negators: ['pa', 'pap', 'eksepte', 'sòf'],
  fillers: [
    'mèsi', 'mèsi anpil', 'souple', 'tanpri', 'mwen', 'm', 'chwazi', 'mwen chwazi', 'chwa', 'nimewo', 'opsyon',
    'a', 'la', 'nan', 'an', 'lan', 'bonjou', 'bonswa', 'se', 'sa', 'yo', 'pou', 'pou mwen', 'mwen vle', 'vle',
    'pi bon', 'nou', 'repons', 'mwen prefere', 'prefere', 'mesye', 'madanm', 'pwofesè', 'bondye beni',
  ],
  outOf: ['sou'],
  units: ['zetwal', 'pwen'],
  common: [
    'a', 'la', 'nan', 'an', 'pou', 'ak', 'ki', 'se', 'sa', 'li', 'yo', 'ye', 'mwen', 'm', 'ou', 'nou', 'pa',
    'pi', 'ap', 'te', 'sou', 'fè', 'gen', 'lè', 'tou', 'men', 'kon', 'kòm', 'jodi',
  ],
};
