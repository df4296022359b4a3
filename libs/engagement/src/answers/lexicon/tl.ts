import { LanguageLexicon } from './lexicon.types';

/** "pangalawa", "yung pangalawa", "ang pangalawa", "pangalawang opsyon". */
const ordinal = (...words: string[]) =>
  words.flatMap((word) => [word, `yung ${word}`, `ung ${word}`, `ang ${word}`, `${word}ng opsyon`]);

/** Tagalog, with the Spanish-derived numbers Filipino families text as often as the native ones. */
export const tl: LanguageLexicon = {
  numbers: {
    0: ['sero', 'zero'], 1: ['isa', 'uno'], 2: ['dalawa', 'dos'], 3: ['tatlo', 'tres'], 4: ['apat', 'kuwatro'],
    5: ['lima', 'singko'], 6: ['anim', 'sais'], 7: ['pito', 'syete'], 8: ['walo', 'otso'], 9: ['siyam', 'nuwebe'],
    10: ['sampu', 'diyes'],
  },
  ordinals: {
    1: [...ordinal('una', 'ikauna'), 'unang opsyon', 'yung una po'], 2: ordinal('pangalawa', 'ikalawa'),
    3: ordinal('pangatlo', 'ikatlo'), 4: ordinal('pang-apat', 'ikaapat'), 5: ordinal('panlima', 'ikalima'),
    6: ordinal('pang-anim', 'ikaanim'), 7: ordinal('pampito', 'ikapito'), 8: ordinal('pangwalo', 'ikawalo'),
    9: ordinal('pansiyam', 'ikasiyam'), 10: ordinal('pansampu', 'ikasampu'),
  },
  last: ordinal('huli', 'panghuli'),
  yes: [
    'oo', 'opo', 'oho', 'sige', 'sige po', 'oo naman', 'opo naman', 'syempre', 'siyempre', 'oo po', 'yes po',
    'ok po', 'pupunta ako', 'pupunta kami', 'pupunta po kami', 'dadalo', 'dadalo po', 'dadalo kami', 'meron',
    'mayroon', 'meron po', 'mayroon po', 'meron kami', 'g', 'tama', 'oo sige', 'walang problema',
  ],
  no: [
    'hindi', 'hinde', 'hindi po', 'ayaw', 'ayoko', 'huwag', 'wag', 'wala', 'wala po', 'wala kami',
    'hindi pupunta', 'hindi ako makakapunta', 'di ako makakapunta', 'hindi po kami makakadalo',
    'hindi kami makakadalo', 'hindi po makakapunta', 'hindi pa', 'di pa', 'hindi salamat',
  ],
  unsure: [
    'hindi ko alam', 'di ko alam', 'ewan', 'ewan ko', 'siguro', 'baka', 'depende', 'hindi sigurado',
    'di sigurado', 'pag-iisipan ko', 'hindi pa alam', 'di pa alam',
  ],
  several: ['pareho', 'parehas', 'lahat', 'kahit ano', 'kahit alin', 'dalawa po pareho'],
  negators: ['hindi', 'di', 'huwag', 'wag', 'maliban'],
  fillers: [
    'po', 'ho', 'yung', 'ung', 'iyong', 'ang', 'ng', 'sa', 'na', 'ko', 'ako', 'kami', 'namin', 'pipiliin',
    'piliin', 'pinili', 'gusto', 'gusto ko', 'gusto namin', 'salamat', 'salamat po', 'maraming salamat',
    'pakiusap', 'numero', 'opsyon', 'sagot', 'magandang umaga', 'magandang hapon', 'magandang gabi', 'hello',
    'mam', 'sir', 'lang', 'ika', 'mas', 'mas gusto', 'mas maganda', 'para sa akin', 'akin', 'ni', 'si',
  ],
  outOf: ['sa'],
  units: ['bituin', 'puntos'],
  common: [
    'ang', 'ng', 'sa', 'na', 'at', 'ay', 'mga', 'ko', 'ka', 'po', 'ba', 'ni', 'kay', 'ito', 'iyan', 'yan',
    'din', 'rin', 'lang', 'pa', 'naman', 'ako', 'siya', 'kami', 'tayo', 'kayo', 'sila', 'may', 'mo',
    'ngayon', 'isa',
  ],
  weak: ['g', 'baka', 'tama', 'una', 'wala', 'dos', 'tres'],
};
