import { DomainError } from '@porchlight/contracts';
import { AnswerQuestion, ParsedAnswer } from './answer.types';
import { createAnswerParser, parseAnswer } from './parse-answer';

const ALL = ['en', 'es', 'vi', 'zh-Hans', 'zh-Hant', 'ar', 'so', 'ht', 'pt', 'ru', 'ko', 'tl', 'fr'];
const district = { languages: ALL };

const time: AnswerQuestion = {
  kind: 'choice',
  options: [
    { key: '1', labels: { en: 'Morning', es: 'Mañana', vi: 'Buổi sáng', 'zh-Hans': '上午', ar: 'الصباح', fr: 'Matin', ko: '오전' } },
    { key: '2', labels: { en: 'Afternoon', es: 'Tarde', vi: 'Buổi chiều', 'zh-Hans': '下午', ar: 'بعد الظهر', fr: 'Après-midi', ko: '오후' } },
    { key: '3', labels: { en: 'Evening', es: 'Noche', vi: 'Buổi tối', 'zh-Hans': '晚上', ar: 'المساء', fr: 'Soir', ko: '저녁' } },
  ],
};
const days: AnswerQuestion = {
  kind: 'choice',
  options: [
    { key: '1', labels: { en: 'Tuesday evening', vi: 'Thứ Ba', pt: 'Terça-feira' } },
    { key: '2', labels: { en: 'Thursday evening', vi: 'Thứ Năm', pt: 'Quinta-feira' } },
    { key: '3', labels: { en: 'Saturday morning', vi: 'Thứ Bảy', pt: 'Sábado' } },
  ],
};
const yesno: AnswerQuestion = { kind: 'yesno' };
const scale: AnswerQuestion = { kind: 'scale', min: 1, max: 5 };

type Reading = string | boolean | number | `unrecognised:${string}`;

/** What the reader made of it, in one word: an option key, a yes/no, a value, or "unrecognised:why". */
function reading(answer: ParsedAnswer): Reading | undefined {
  if (answer.kind === 'unrecognised') return `unrecognised:${answer.reason}`;
  if (answer.kind === 'text') return undefined;
  if ('optionKey' in answer) return answer.optionKey;
  if ('boolean' in answer) return answer.boolean;
  return answer.value;
}

const read = (question: AnswerQuestion, text: string, languages = ALL) => reading(parseAnswer(question, text, { languages }));

describe('parseAnswer: choice', () => {
  it.each<[string, Reading]>([
    ['2', '2'],
    [' 2.', '2'],
    ['#2', '2'],
    ['2)', '2'],
    ['option 2', '2'],
    ['la 2', '2'],
    ['٢', '2'],
    ['۲', '2'],
    ['２', '2'],
    ['2️⃣', '2'],
    ['No. 3', '3'],
    ['2nd', '2'],
    ['2º', '2'],
    ['2번', '2'],
    ['第2', '2'],
    ['2 please', '2'],
    ['I think 2', '2'],
    ['Good morning, 3', '3'],
    ['el 2 no el 3', '2'],
    ['not 1 but 2', '2'],
  ])('reads the number in %j as option %s', (text, expected) => {
    expect(read(time, text)).toBe(expected);
  });

  it.each<[string, Reading]>([
    ['the second one', '2'],
    ['two', '2'],
    ['dos', '2'],
    ['segunda', '2'],
    ['la segunda opción', '2'],
    ['deux', '2'],
    ['la deuxième', '2'],
    ['hai', '2'],
    ['二', '2'],
    ['第二个', '2'],
    ['둘', '2'],
    ['두 번째요', '2'],
    ['اثنين', '2'],
    ['الثاني', '2'],
    ['labo', '2'],
    ['labaad', '2'],
    ['de', '2'],
    ['dezyèm nan', '2'],
    ['dalawa', '2'],
    ['yung pangalawa', '2'],
    ['второй вариант', '2'],
    ['вторую', '2'],
    ['the last one', '3'],
    ['la última', '3'],
    ['option B', '2'],
  ])('reads the number or ordinal word %j as option %s', (text, expected) => {
    expect(read(time, text)).toBe(expected);
  });

  it.each<[string, Reading]>([
    ['afternoon', '2'],
    ['AFTERNOON!!', '2'],
    ['tarde', '2'],
    ['en la tarde por favor', '2'],
    ['Mañana', '1'],
    ['manana', '1'],
    ['buoi chieu', '2'],
    ['下午', '2'],
    ['晚上比较好', '3'],
    ['오후요', '2'],
    ['المساء', '3'],
    ['مساء', '3'],
    ['apremidi', '2'],
    ['evenin', '3'],
    ['aftrenoon', '2'],
    ['matin svp', '1'],
  ])('reads the label %j, in any district language, misspelt or not, as option %s', (text, expected) => {
    expect(read(time, text)).toBe(expected);
  });

  it.each<[string, Reading]>([
    ['thursday', '2'],
    ['Tuesday please', '1'],
    ['Thứ Năm', '2'],
    ['thứ 7', '3'],
    ['quinta', '2'],
    ['sabado', '3'],
    ['evening', 'unrecognised:no_match'],
  ])('reads %j by the words only one label has: %s', (text, expected) => {
    expect(read(days, text)).toBe(expected);
  });

  it.each<[string, Reading]>([
    ['1 or 2', 'unrecognised:ambiguous'],
    ['2 y 3', 'unrecognised:ambiguous'],
    ['both', 'unrecognised:ambiguous'],
    ['los dos', 'unrecognised:ambiguous'],
    ['les deux', 'unrecognised:ambiguous'],
    ['둘 다', 'unrecognised:ambiguous'],
    ['Morning or evening', 'unrecognised:ambiguous'],
    ['not 2', 'unrecognised:negated'],
    ['7', 'unrecognised:out_of_range'],
    ['0', 'unrecognised:out_of_range'],
    ['yes', 'unrecognised:no_match'],
    ['good morning', 'unrecognised:no_match'],
    ['what time does school start?', 'unrecognised:no_match'],
    ['there', 'unrecognised:no_match'],
    ['🙂', 'unrecognised:no_match'],
    ['maybe', 'unrecognised:unsure'],
    ['', 'unrecognised:empty'],
    ['   ', 'unrecognised:empty'],
  ])('does not guess %j: %s', (text, expected) => {
    expect(read(time, text)).toBe(expected);
  });

  it('reads a yes or a no as the option whose label says it, in any language', () => {
    const rsvp: AnswerQuestion = {
      kind: 'choice',
      options: [
        { key: '1', labels: { en: 'Yes, I will come' } },
        { key: '2', labels: { en: 'No' } },
        { key: '3', labels: { en: 'Not sure yet' } },
      ],
    };
    expect(read(rsvp, 'oui')).toBe('1');
    expect(read(rsvp, '👍')).toBe('1');
    expect(read(rsvp, 'нет')).toBe('2');
    expect(read(rsvp, 'not sure yet')).toBe('3');
  });

  it('reads keys that are letters or words', () => {
    const lettered: AnswerQuestion = {
      kind: 'choice',
      options: [
        { key: 'a', labels: { en: 'Bus' } },
        { key: 'b', labels: { en: 'Car' } },
      ],
    };
    expect(read(lettered, 'B')).toBe('b');
    expect(read(lettered, 'option a')).toBe('a');
    expect(read(lettered, '2')).toBe('b');
    const worded: AnswerQuestion = {
      kind: 'choice',
      options: [
        { key: 'bus', labels: { en: 'School bus' } },
        { key: 'walk', labels: { en: 'On foot' } },
      ],
    };
    expect(read(worded, 'walk')).toBe('walk');
  });

  it('reads only the words of the district languages and English', () => {
    expect(read(time, 'de', ['en', 'ht'])).toBe('2');
    expect(read(time, 'de', ['en', 'es'])).toBe('unrecognised:no_match');
    expect(read(time, 'labo', ['en', 'es'])).toBe('unrecognised:no_match');
  });
});

describe('parseAnswer: yes/no', () => {
  it.each<[string, Reading]>([
    ['yes', true],
    ['Yeah', true],
    ['yep', true],
    ['y', true],
    ['yesss', true],
    ['sure thing', true],
    ['si', true],
    ['SÍ', true],
    ['Si, gracias', true],
    ['claro que sí', true],
    ['oui', true],
    ['ouais', true],
    ['có', true],
    ['vâng', true],
    ['dạ', true],
    ['是', true],
    ['是的', true],
    ['对', true],
    ['好的', true],
    ['没问题', true],
    ['네', true],
    ['예', true],
    ['ㅇㅇ', true],
    ['نعم', true],
    ['أيوه', true],
    ['ايوه', true],
    ['aywa', true],
    ['haa', true],
    ['haye', true],
    ['wi', true],
    ['sim', true],
    ['да', true],
    ['oo', true],
    ['opo', true],
    ['👍', true],
    ['👍🏽', true],
    ['✅', true],
    ['no problem', true],
    ['sin problema', true],
  ])('reads %j as %s', (text, expected) => {
    expect(read(yesno, text)).toBe(expected);
  });

  it.each<[string, Reading]>([
    ['no', false],
    ['Nope', false],
    ['nah', false],
    ['No thanks', false],
    ['no puedo', false],
    ['non merci', false],
    ['không', false],
    ['dạ không', false],
    ['dạ không đi được', false],
    ['不', false],
    ['不是', false],
    ['不去了', false],
    ['아니요', false],
    ['못 가요', false],
    ['لا', false],
    ['لا شكرا', false],
    ['maya', false],
    ['non', false],
    ['não', false],
    ['nao', false],
    ['нет', false],
    ['не смогу', false],
    ['hindi po', false],
    ['wala po', false],
    ['👎', false],
    ['❌', false],
    ['we dont', false],
  ])('reads %j as %s', (text, expected) => {
    expect(read(yesno, text)).toBe(expected);
  });

  it.each<[string, Reading]>([
    ['not yes', false],
    ['no sí', false],
    ['안 가요', false],
  ])('never reads a negated yes (%j) as yes', (text, expected) => {
    expect(read(yesno, text)).toBe(expected);
  });

  it.each<[string, Reading]>([
    ['maybe', 'unrecognised:unsure'],
    ['not sure', 'unrecognised:unsure'],
    ["I don't know", 'unrecognised:unsure'],
    ['no sé', 'unrecognised:unsure'],
    ['no se', 'unrecognised:unsure'],
    ['je sais pas', 'unrecognised:unsure'],
    ['não sei', 'unrecognised:unsure'],
    ['không biết', 'unrecognised:unsure'],
    ['có thể', 'unrecognised:unsure'],
    ['不知道', 'unrecognised:unsure'],
    ['모르겠어요', 'unrecognised:unsure'],
    ['لا أعرف', 'unrecognised:unsure'],
    ['ma garanayo', 'unrecognised:unsure'],
    ['m pa konnen', 'unrecognised:unsure'],
    ['не знаю', 'unrecognised:unsure'],
    ['hindi ko alam', 'unrecognised:unsure'],
    ['maybe yes', 'unrecognised:unsure'],
    ['yes and no', 'unrecognised:ambiguous'],
    ['no, sí', 'unrecognised:ambiguous'],
    ['k', 'unrecognised:ambiguous'],
    ['🙂', 'unrecognised:no_match'],
    ['你是谁？', 'unrecognised:no_match'],
    ['1', 'unrecognised:no_match'],
  ])('does not guess %j: %s', (text, expected) => {
    expect(read(yesno, text)).toBe(expected);
  });

  it('reads 1 and 2 when the question was sent numbered', () => {
    const numbered: AnswerQuestion = { kind: 'yesno', numbered: true };
    expect(read(numbered, '1')).toBe(true);
    expect(read(numbered, '2')).toBe(false);
    expect(read(numbered, '3')).toBe('unrecognised:out_of_range');
  });
});

describe('parseAnswer: scale', () => {
  it.each<[string, Reading]>([
    ['4', 4],
    ['four', 4],
    ['cuatro', 4],
    ['quatre', 4],
    ['bốn', 4],
    ['四', 4],
    ['四分', 4],
    ['넷', 4],
    ['4점', 4],
    ['أربعة', 4],
    ['٤', 4],
    ['afar', 4],
    ['kat', 4],
    ['четыре', 4],
    ['apat', 4],
    ['4/5', 4],
    ['4 out of 5', 4],
    ['4 de 5', 4],
    ['4 sur 5', 4],
    ['4 из 5', 4],
    ['٤ من ٥', 4],
    ['5 stars', 5],
    ['5 ⭐', 5],
    ['⭐⭐⭐', 3],
    ['I give it a 4', 4],
    ['maybe 4', 4],
  ])('reads %j as %s', (text, expected) => {
    expect(read(scale, text)).toBe(expected);
  });

  it.each<[string, Reading]>([
    ['7', 'unrecognised:out_of_range'],
    ['0', 'unrecognised:out_of_range'],
    ['8/10', 'unrecognised:out_of_range'],
    ['3 or 4', 'unrecognised:ambiguous'],
    ['3-4', 'unrecognised:ambiguous'],
    ['4.5', 'unrecognised:ambiguous'],
    ['not 3', 'unrecognised:negated'],
    ['very happy', 'unrecognised:no_match'],
    ['yes', 'unrecognised:no_match'],
  ])('does not guess %j: %s', (text, expected) => {
    expect(read(scale, text)).toBe(expected);
  });

  it('reads 0 and 10 on a 0–10 scale', () => {
    const nps: AnswerQuestion = { kind: 'scale', min: 0, max: 10 };
    expect(read(nps, '0')).toBe(0);
    expect(read(nps, '10/10')).toBe(10);
    expect(read(nps, '🔟')).toBe(10);
    expect(read(nps, 'diez')).toBe(10);
  });
});

describe('parseAnswer: what comes back', () => {
  it('keeps the reply exactly as received in every result', () => {
    for (const [question, text] of [
      [time, ' Tarde, gracias 🙏 '],
      [yesno, 'maybe'],
      [scale, '4/5'],
      [{ kind: 'text' }, ' Thanks! '],
    ] as const) {
      expect(parseAnswer(question, text, district).text).toBe(text);
    }
  });

  it('says how it matched and how sure it is', () => {
    expect(parseAnswer(time, '2', district)).toEqual({ kind: 'answer', text: '2', optionKey: '2', confidence: 1, matchedBy: 'number' });
    expect(parseAnswer(time, 'tarde', district)).toMatchObject({ optionKey: '2', matchedBy: 'label', language: 'es' });
    expect(parseAnswer(time, 'dos', district)).toMatchObject({ optionKey: '2', matchedBy: 'word' });
    expect(parseAnswer(yesno, '👍', district)).toMatchObject({ boolean: true, matchedBy: 'emoji' });
    expect(parseAnswer(time, 'option B', district)).toMatchObject({ optionKey: '2', matchedBy: 'key' });
    const misspelt = parseAnswer(time, 'aftrenoon', district);
    const exact = parseAnswer(time, 'afternoon', district);
    expect(misspelt.kind === 'answer' && exact.kind === 'answer' && misspelt.confidence < exact.confidence).toBe(true);
  });

  it('keeps a text question’s reply as text, and an empty one as unrecognised', () => {
    expect(parseAnswer({ kind: 'text' }, 'Más autobuses, por favor', district)).toEqual({ kind: 'text', text: 'Más autobuses, por favor' });
    expect(parseAnswer({ kind: 'text' }, ' ', district)).toEqual({ kind: 'unrecognised', text: ' ', reason: 'empty' });
  });

  it('reads many replies with one parser built for the question', () => {
    const parser = createAnswerParser(time, district);
    expect(['1', 'tarde', 'soir', '晚上'].map((text) => reading(parser.parse(text)))).toEqual(['1', '2', '3', '3']);
  });

  it('takes a long message for a comment, not an answer', () => {
    expect(read(time, `2 ${'and then some more words '.repeat(20)}`)).toBe('unrecognised:no_match');
  });
});

describe('createAnswerParser: questions that cannot be answered', () => {
  it.each<[string, AnswerQuestion]>([
    ['a choice without options', { kind: 'choice', options: [] }],
    [
      'two options with one key',
      {
        kind: 'choice',
        options: [
          { key: '1', labels: { en: 'A' } },
          { key: ' 1', labels: { en: 'B' } },
        ],
      },
    ],
    ['an option without a key', { kind: 'choice', options: [{ key: ' ', labels: { en: 'A' } }] }],
    ['a scale with min = max', { kind: 'scale', min: 3, max: 3 }],
    ['a scale with min > max', { kind: 'scale', min: 5, max: 1 }],
    ['a scale of fractions', { kind: 'scale', min: 0.5, max: 5 }],
  ])('refuses %s with an invalid domain error', (_name, question) => {
    expect(() => createAnswerParser(question, district)).toThrow(DomainError);
    try {
      createAnswerParser(question, district);
    } catch (error) {
      expect((error as DomainError).code).toBe('invalid');
    }
  });
});
