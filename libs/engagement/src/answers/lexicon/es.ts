import { LanguageLexicon } from './lexicon.types';

/** "segundo", "segunda", "el segundo", "la segunda opción". */
const gendered = (stem: string, extra: string[] = []) => [
  `${stem}o`, `${stem}a`, `el ${stem}o`, `la ${stem}a`, `la ${stem}a opción`, `el ${stem}o día`, ...extra,
];

export const es: LanguageLexicon = {
  numbers: {
    0: ['cero'], 1: ['uno', 'una', 'un'], 2: ['dos'], 3: ['tres'], 4: ['cuatro'], 5: ['cinco'],
    6: ['seis'], 7: ['siete'], 8: ['ocho'], 9: ['nueve'], 10: ['diez'],
  },
  ordinals: {
    1: gendered('primer', ['primer']), 2: gendered('segund'), 3: gendered('tercer', ['tercer']),
    4: gendered('cuart'), 5: gendered('quint'), 6: gendered('sext'), 7: gendered('séptim'),
    8: gendered('octav'), 9: gendered('noven'), 10: gendered('décim'),
  },
  last: ['último', 'última', 'el último', 'la última', 'la última opción'],
  yes: [
    'sí', 'si', 'claro', 'claro que sí', 'por supuesto', 'seguro', 'dale', 'sale', 'ok', 'okey', 'oki',
    'sip', 'sep', 'simón', 'ajá', 'afirmativo', 'de acuerdo', 'está bien', 'con gusto', 'sí señor',
    'sí señora', 'ahí estaré', 'ahí estaremos', 'allí estaré', 'allí estaremos', 'sí voy', 'sí vamos',
    'sí asistiré', 'sí tenemos', 'sí tiene', 'sí tengo', 'cómo no', 'desde luego', 'correcto',
    'sin problema', 'no hay problema', 'sí puedo', 'sí podemos', 'así es',
  ],
  no: [
    'no', 'nop', 'nel', 'para nada', 'nunca', 'claro que no', 'no gracias', 'no puedo', 'no podemos',
    'negativo', 'no voy', 'no vamos', 'no podré', 'todavía no', 'aún no', 'no tenemos', 'no tiene',
    'no tengo', 'tampoco', 'de ninguna manera', 'no asistiré', 'ninguno', 'ninguna',
  ],
  unsure: [
    'tal vez', 'talvez', 'quizás', 'quizá', 'a lo mejor', 'no sé', 'no lo sé', 'no estoy seguro',
    'no estoy segura', 'depende', 'puede ser', 'posiblemente', 'todavía no sé', 'aún no sé',
    'no sabemos', 'no sé todavía', 'probablemente', 'lo pensaré',
  ],
  several: ['ambos', 'ambas', 'los dos', 'las dos', 'todos', 'todas', 'cualquiera', 'los tres', 'las tres'],
  negators: ['no', 'ni', 'nunca', 'ninguno', 'ninguna', 'menos', 'excepto'],
  fillers: [
    'por favor', 'porfa', 'porfavor', 'favor', 'pf', 'gracias', 'muchas gracias', 'mil gracias', 'creo',
    'creo que', 'pienso', 'elijo', 'escojo', 'quiero', 'prefiero', 'me gusta', 'me gustaría', 'el', 'la',
    'los', 'las', 'lo', 'de', 'del', 'que', 'es', 'mi', 'me', 'yo', 'opción', 'número', 'núm', 'num',
    'respuesta', 'mi respuesta', 'voto', 'por', 'para', 'hola', 'buenos días', 'buen día', 'buenas tardes',
    'buenas noches', 'buenas', 'saludos', 'señor', 'señora', 'maestra', 'maestro', 'mejor', 'nos', 'sería',
    'en', 'nosotros', 'bendiciones', 'ya', 'pues', 'bueno', 'bien', 'muy bien',
  ],
  outOf: ['de', 'sobre', 'de un total de'],
  units: ['estrellas', 'estrella', 'puntos', 'punto'],
  common: [
    'de', 'la', 'que', 'el', 'en', 'y', 'a', 'los', 'se', 'del', 'las', 'un', 'por', 'con', 'una', 'su',
    'para', 'es', 'al', 'lo', 'como', 'más', 'o', 'pero', 'sus', 'le', 'ya', 'este', 'porque', 'esta',
    'entre', 'cuando', 'muy', 'sin', 'sobre', 'también', 'me', 'hasta', 'hay', 'donde', 'quien', 'desde',
    'todo', 'nos', 'durante', 'les', 'ni', 'contra', 'otros', 'ese', 'eso', 'ante', 'ellos', 'e', 'esto',
    'antes', 'qué', 'unos', 'yo', 'otro', 'otra', 'él', 'tanto', 'esa', 'estos', 'mucho', 'nada', 'cual',
    'poco', 'ella', 'algo', 'mi', 'mis', 'tú', 'te', 'ti', 'tu', 'tus', 'tengo', 'tiene', 'va', 'voy',
    'bien', 'hoy', 'son', 'soy', 'todo', 'toda', 'cada', 'semana', 'puedo', 'puede', 'llegar', 'recoger',
    'ahora', 'después', 'siempre',
  ],
  weak: ['un'],
};
