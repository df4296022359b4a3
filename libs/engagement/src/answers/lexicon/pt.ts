import { LanguageLexicon } from './lexicon.types';

/** "segundo", "segunda", "o segundo", "a segunda opção". */
const gendered = (stem: string) => [`${stem}o`, `${stem}a`, `o ${stem}o`, `a ${stem}a`, `a ${stem}a opção`];

export const pt: LanguageLexicon = {
  numbers: {
    0: ['zero'], 1: ['um', 'uma'], 2: ['dois', 'duas'], 3: ['três'], 4: ['quatro'], 5: ['cinco'],
    6: ['seis'], 7: ['sete'], 8: ['oito'], 9: ['nove'], 10: ['dez'],
  },
  ordinals: {
    1: gendered('primeir'), 2: gendered('segund'), 3: gendered('terceir'), 4: gendered('quart'),
    5: gendered('quint'), 6: gendered('sext'), 7: gendered('sétim'), 8: gendered('oitav'),
    9: gendered('non'), 10: gendered('décim'),
  },
  last: ['último', 'última', 'o último', 'a última'],
  yes: [
    'sim', 'claro', 'claro que sim', 'com certeza', 'certeza', 'certo', 'ok', 'beleza', 'blz', 'isso',
    'isso mesmo', 'positivo', 's', 'sim sim', 'sim senhor', 'sim senhora', 'vou sim', 'vou', 'vamos',
    'estarei lá', 'estaremos lá', 'pode', 'pode sim', 'acho que sim', 'temos', 'tem sim', 'tenho',
    'temos sim', 'com certeza vou', 'sim vou', 'sim vamos', 'fechado', 'tá bom', 'sem problema', 'sem problemas',
  ],
  no: [
    'não', 'n', 'nunca', 'de jeito nenhum', 'negativo', 'não obrigado', 'não obrigada', 'não vou',
    'não vamos', 'não posso', 'não podemos', 'não dá', 'acho que não', 'ainda não', 'não temos',
    'não tenho', 'não tem', 'nenhum', 'nenhuma',
  ],
  unsure: [
    'talvez', 'não sei', 'sei lá', 'depende', 'não tenho certeza', 'pode ser', 'provavelmente',
    'ainda não sei', 'não sabemos', 'vou ver', 'vamos ver',
  ],
  several: ['ambos', 'ambas', 'os dois', 'as duas', 'todos', 'todas', 'qualquer', 'qualquer um', 'os três'],
  negators: ['não', 'nem', 'nunca', 'nenhum', 'nenhuma', 'menos', 'exceto'],
  fillers: [
    'por favor', 'pfv', 'pf', 'obrigado', 'obrigada', 'obg', 'brigado', 'muito obrigado',
    'muito obrigada', 'acho', 'acho que', 'escolho', 'quero', 'prefiro', 'eu', 'o', 'a', 'os', 'as',
    'de', 'da', 'do', 'opção', 'número', 'resposta', 'minha resposta', 'bom dia', 'boa tarde',
    'boa noite', 'olá', 'oi', 'é', 'e', 'melhor', 'pra', 'para', 'mim', 'pra mim', 'nós', 'a gente',
    'seria', 'professora', 'professor', 'deus abençoe', 'bem', 'muito bem',
  ],
  outOf: ['de', 'em'],
  units: ['estrelas', 'estrela', 'pontos', 'ponto'],
  common: [
    'o', 'a', 'de', 'que', 'e', 'do', 'da', 'em', 'um', 'para', 'é', 'com', 'uma', 'os', 'se', 'na', 'por',
    'mais', 'as', 'dos', 'como', 'mas', 'foi', 'ao', 'ele', 'das', 'tem', 'à', 'seu', 'sua', 'ou', 'ser',
    'quando', 'muito', 'nos', 'já', 'está', 'eu', 'também', 'só', 'pelo', 'pela', 'até', 'isso', 'ela',
    'entre', 'era', 'depois', 'sem', 'mesmo', 'aos', 'ter', 'seus', 'quem', 'nas', 'me', 'esse', 'eles',
    'você', 'essa', 'num', 'nem', 'suas', 'meu', 'minha', 'numa', 'qual', 'nós', 'tenho', 'lhe', 'este',
    'dele', 'tu', 'te', 'bom', 'hoje', 'amanhã', 'todo', 'toda', 'cada', 'semana', 'posso', 'pode', 'agora',
    'depois', 'sempre',
  ],
};
