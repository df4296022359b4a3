import { LanguageLexicon } from './lexicon.types';

const withArticle = (words: string[]) => words.flatMap((word) => [word, `le ${word}`, `la ${word}`]);

export const fr: LanguageLexicon = {
  numbers: {
    0: ['zéro'], 1: ['un', 'une'], 2: ['deux'], 3: ['trois'], 4: ['quatre'], 5: ['cinq'], 6: ['six'],
    7: ['sept'], 8: ['huit'], 9: ['neuf'], 10: ['dix'],
  },
  ordinals: {
    1: withArticle(['premier', 'première']), 2: withArticle(['deuxième', 'second', 'seconde']),
    3: withArticle(['troisième']), 4: withArticle(['quatrième']), 5: withArticle(['cinquième']),
    6: withArticle(['sixième']), 7: withArticle(['septième']), 8: withArticle(['huitième']),
    9: withArticle(['neuvième']), 10: withArticle(['dixième']),
  },
  last: withArticle(['dernier', 'dernière']),
  yes: [
    'oui', 'ouais', 'ouai', 'ouaip', 'ouep', 'bien sûr', 'daccord', 'dac', 'ok', 'okay', 'certainement',
    'absolument', 'volontiers', 'carrément', 'évidemment', 'oui oui', 'oui merci', 'je serai là',
    'nous serons là', 'je viendrai', 'on viendra', 'avec plaisir', 'exact', 'tout à fait', 'oui bien sûr',
    'bien entendu', 'pas de problème', 'pas de souci', 'sans problème', 'aucun problème', 'oui nous avons', 'oui il a', 'oui elle a',
  ],
  no: [
    'non', 'nan', 'pas du tout', 'jamais', 'non merci', 'je ne peux pas', 'je peux pas', 'pas possible',
    'impossible', 'pas encore', 'aucun', 'aucune', 'nous navons pas', 'on na pas', 'il na pas',
    'elle na pas', 'je ne viendrai pas',
  ],
  unsure: [
    'peut-être', 'peut etre', 'peutêtre', 'je sais pas', 'je ne sais pas', 'sais pas', 'jsp', 'chais pas',
    'pas sûr', 'pas sûre', 'pas certain', 'pas certaine', 'ça dépend', 'on verra', 'je ne suis pas sûr',
    'je ne suis pas sûre', 'probablement', 'je verrai',
  ],
  several: ['les deux', 'tous', 'toutes', 'tous les deux', 'nimporte', 'nimporte lequel', 'les trois'],
  negators: ['pas', 'ne', 'jamais', 'aucun', 'aucune', 'sauf'],
  fillers: [
    'sil vous plaît', 'sil te plaît', 'svp', 'stp', 'merci', 'merci beaucoup', 'je', 'j', 'pense',
    'je pense', 'crois', 'je crois', 'choisis', 'je choisis', 'prends', 'je prends', 'veux', 'je veux',
    'voudrais', 'je voudrais', 'préfère', 'je préfère', 'le', 'la', 'les', 'l', 'de', 'du', 'des', 'cest',
    'est', 'option', 'numéro', 'num', 'réponse', 'ma réponse', 'bonjour', 'bonsoir', 'salut', 'madame',
    'monsieur', 'mieux', 'pour moi', 'moi', 'nous', 'choix', 'mon choix', 'ce serait', 'ça', 'bien',
  ],
  outOf: ['sur'],
  units: ['étoiles', 'étoile', 'points', 'point'],
  common: [
    'le', 'la', 'les', 'de', 'des', 'du', 'un', 'une', 'et', 'à', 'en', 'dans', 'que', 'qui', 'pour', 'pas',
    'sur', 'au', 'aux', 'avec', 'ce', 'ces', 'il', 'elle', 'je', 'tu', 'nous', 'vous', 'ils', 'on', 'ne',
    'se', 'sa', 'son', 'ses', 'mon', 'ma', 'mes', 'est', 'sont', 'mais', 'ou', 'où', 'par', 'plus', 'très',
    'bien', 'bon', 'y', 'tout', 'comme', 'fait', 'été', 'avoir', 'être', 'cette', 'lui', 'leur', 'dit',
    'dis', 'peu', 'ai', 'as', 'a', 'va', 'vais', 'aussi', 'encore', 'rien', 'merci', 'demain', 'semaine',
    'maintenant', 'après', 'toujours', 'peux', 'peut', 'enfant', 'enfants',
  ],
};
