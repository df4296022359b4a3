import { LanguageLexicon } from './lexicon.types';

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/** "the second one": the "one" is a pronoun, not the number one. */
const withOne = (word: string) => [word, `${word} one`, `the ${word} one`, `${word} option`];

export const en: LanguageLexicon = {
  numbers: {
    0: ['zero'], 1: ['one'], 2: ['two'], 3: ['three'], 4: ['four'], 5: ['five'],
    6: ['six'], 7: ['seven'], 8: ['eight'], 9: ['nine'], 10: ['ten'],
  },
  ordinals: Object.fromEntries(
    ORDINALS.map((word, index) => [index + 1, withOne(word).concat(index === 3 ? withOne('forth') : [])]),
  ),
  last: withOne('last'),
  yes: [
    'yes', 'yeah', 'yea', 'yah', 'ya', 'yep', 'yup', 'ye', 'yeh', 'y', 'yes please', 'sure', 'ok', 'okay',
    'okey', 'kk', 'of course', 'definitely', 'absolutely', 'certainly', 'for sure', 'will do', 'i will',
    'i will be there', 'ill be there', 'we will be there', 'count me in', 'sounds good', 'that works',
    'yes sir', 'yes maam', 'no problem', 'no prob', 'np', 'not a problem', 'correct', 'affirmative', 'yessir', 'we do', 'i do', 'yes we do', 'we have one',
  ],
  no: [
    'no', 'nope', 'nah', 'na', 'n', 'nay', 'never', 'no thanks', 'no thank you', 'not really', 'no way',
    'negative', 'i cant', 'cant', 'cannot', 'can not', 'wont', 'i wont', 'not this time', 'not yet',
    'i dont think so', 'dont think so', 'no sir', 'no maam', 'cant make it', 'i cant make it', 'we dont',
    'i dont', 'not going', 'unable',
  ],
  unsure: [
    'maybe', 'not sure', 'im not sure', 'unsure', 'idk', 'i dont know', 'dont know', 'i do not know',
    'dunno', 'no idea', 'depends', 'it depends', 'perhaps', 'possibly', 'probably', 'might', 'i might',
    'not sure yet', 'we will see', 'ill see', 'let me check', 'i have to check',
  ],
  several: ['both', 'all', 'all of them', 'both of them', 'either', 'any', 'either one', 'any of them'],
  negators: ['not', 'dont', 'do not', 'didnt', 'doesnt', 'isnt', 'none', 'neither', 'except'],
  fillers: [
    'please', 'pls', 'plz', 'thanks', 'thank you', 'thank u', 'thx', 'ty', 'tysm', 'thanks so much',
    'i', 'think', 'i think', 'guess', 'i guess', 'say', 'choose', 'i choose', 'chose', 'pick', 'i pick',
    'want', 'i want', 'would', 'like', 'id like', 'i would like', 'prefer', 'i prefer', 'go with',
    'ill go with', 'ill take', 'take', 'the', 'a', 'an', 'that', 'this', 'that one', 'this one', 'is',
    'its', 'it', 'my', 'me', 'for', 'answer', 'my answer', 'vote', 'i vote', 'for me', 'hi', 'hello',
    'hey', 'good morning', 'good afternoon', 'good evening', 'option', 'opt', 'number', 'num', 'nr',
    'choice', 'lol', 'sir', 'maam', 'miss', 'mr', 'mrs', 'ms', 'teacher', 'best', 'works', 'works best',
    'better', 'we', 'us', 'our', 'be', 'will', 'would be', 'great', 'good', 'fine', 'ones',
  ],
  outOf: ['out of', 'of', 'over'],
  units: ['stars', 'star', 'points', 'point', 'pts'],
  common: [
    'the', 'a', 'an', 'and', 'or', 'to', 'of', 'in', 'on', 'at', 'for', 'with', 'is', 'it', 'i', 'you',
    'he', 'she', 'we', 'they', 'my', 'your', 'be', 'do', 'not', 'but', 'so', 'if', 'me', 'that', 'this',
    'there', 'then', 'than', 'what', 'when', 'how', 'too', 'all', 'just', 'can', 'will', 'have', 'has',
    'was', 'are', 'am', 'get', 'got', 'go', 'see', 'set', 'sis', 'bay', 'ten', 'tree', 'here', 'where',
    'were', 'won', 'one', 'thing', 'well', 'today', 'tomorrow', 'tonight', 'sorry', 'know', 'need', 'later',
    'up', 'come', 'going', 'their', 'those', 'these', 'some', 'more', 'most', 'every', 'really', 'still',
    'sixty', 'seventy', 'eighty', 'ninety', 'twenty', 'thirty', 'forty', 'fifty', 'seventeen', 'nineteen',
  ],
};
