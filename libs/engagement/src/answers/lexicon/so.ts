import { LanguageLexicon } from './lexicon.types';

/** "labaad", "kan labaad", "ta labaad". */
const ordinal = (word: string) => [word, `kan ${word}`, `ta ${word}`, `midka ${word}`];

export const so: LanguageLexicon = {
  numbers: {
    0: ['eber'], 1: ['kow', 'hal'], 2: ['laba', 'labo'], 3: ['saddex', 'sadex'], 4: ['afar'], 5: ['shan'],
    6: ['lix'], 7: ['toddoba', 'todobo', 'toddobo'], 8: ['siddeed', 'sideed'], 9: ['sagaal'], 10: ['toban'],
  },
  ordinals: {
    1: [...ordinal('kowaad'), ...ordinal('koowaad'), 'ugu horeysa', 'ugu horreeya', 'kan ugu horreeya'],
    2: ordinal('labaad'), 3: [...ordinal('saddexaad'), ...ordinal('sadexaad')], 4: ordinal('afraad'),
    5: ordinal('shanaad'), 6: ordinal('lixaad'), 7: ordinal('toddobaad'), 8: ordinal('siddeedaad'),
    9: ordinal('sagaalaad'), 10: ordinal('tobnaad'),
  },
  last: ['kan ugu dambeeya', 'ugu dambeeya', 'ugu dambeysa', 'ta ugu dambeysa'],
  yes: [
    'haa', 'haah', 'haye', 'waa hagaag', 'hagaag', 'waa yahay', 'haa waan imaan doonaa', 'waan imaan doonaa',
    'waan imanayaa', 'haa mahadsanid', 'dabcan', 'sax', 'waa sax', 'haa waa sax', 'haa waan imanayaa',
    'waan joogi doonaa', 'haa wuu haystaa', 'wuu haystaa', 'way haysataa', 'haa way haysataa', 'waa haa', 'dhib ma leh', 'dhib malaha',
  ],
  no: [
    'maya', 'mayo', 'maya mahadsanid', 'ma imaan karo', 'ma imanayo', 'ma jiro', 'ma haysto', 'ma haysta',
    'ma leh', 'maya ma imaan karo', 'ma awoodo', 'weli', 'weli maya',
  ],
  unsure: ['ma garanayo', 'ma aqaan', 'ma hubo', 'malaha', 'laga yaabaa', 'waxaa laga yaabaa'],
  several: ['labadaba', 'dhammaan', 'mid kasta', 'labada', 'saddexdaba'],
  negators: ['ma', 'maya', 'aan', 'mooyee'],
  fillers: [
    'mahadsanid', 'mahadsanidiin', 'fadlan', 'waxaan', 'doortay', 'dooranayaa', 'doorbidayaa', 'waxaan doortay',
    'waxaan doorbidayaa', 'lambar', 'lambarka', 'nambar', 'ka', 'kan', 'ta', 'tan', 'jawaab', 'jawaabta',
    'aniga', 'salaan', 'asc', 'asalaamu calaykum', 'aad baad u mahadsantahay', 'ayaa', 'waa', 'iyo', 'midka',
    'macalin', 'macalimad', 'anagu', 'waxay', 'fiican', 'ugu fiican', 'ii', 'ayaan', 'jecelahay', 'doorasho', 'inshallah', 'insha allah',
  ],
  outOf: ['ka mid ah'],
  units: ['xiddig', 'xiddigood', 'dhibcood'],
  common: [
    'oo', 'iyo', 'waa', 'ku', 'ka', 'u', 'la', 'ee', 'in', 'ah', 'ay', 'uu', 'aan', 'ma', 'soo', 'ayaa',
    'waxa', 'waxaan', 'ayuu', 'kale', 'ugu', 'kan', 'tan', 'baa', 'baan', 'wax', 'hadda', 'maanta',
   
  ],
  weak: ['hal', 'sax', 'weli'],
};
