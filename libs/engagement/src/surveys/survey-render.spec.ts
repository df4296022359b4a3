import { DomainError } from '@porchlight/contracts';
import { createAnswerParser } from '../answers';
import { csvCell } from './survey-csv';
import { surveyPhrases, SURVEY_PHRASE_LANGUAGES } from './survey-phrases';
import { answerQuestion, optionNumbers, renderStep, stepName } from './survey-render';
import { sourceTexts } from './survey-units';
import { checkSurvey, surveyProblems } from './validate-survey';
import { SurveyQuestion } from './survey.types';

const lettered: SurveyQuestion = {
  key: 'meal',
  text: 'Which meal?',
  kind: 'choice',
  options: [
    { key: 'a', label: 'Halal' },
    { key: 'b', label: 'Vegetarian' },
  ],
};
const survey = { intro: 'Hello.', questions: [lettered, { key: 'ok', text: 'OK?', kind: 'yesno' } as SurveyQuestion] };

describe('survey texts as families receive them', () => {
  it('numbers options by key when every key is a number, else by position, as the answer reader reads numbers', () => {
    expect(optionNumbers(lettered)).toEqual(['1', '2']);
    expect(
      optionNumbers({
        ...lettered,
        options: [
          { key: '3', label: 'C' },
          { key: '7', label: 'G' },
        ],
      }),
    ).toEqual(['3', '7']);
    const texts = sourceTexts(survey);
    expect(renderStep(survey, 'en', texts, { kind: 'question', key: 'meal', first: true })).toBe(
      'Hello.\n\n(1/2) Which meal?\n1. Halal\n2. Vegetarian\nReply 1 or 2',
    );
    expect(renderStep(survey, 'es', texts, { kind: 'again', key: 'ok' })).toBe('Perdón, no entendimos su respuesta.\n(2/2) OK?\nResponda SÍ o NO');
    const parser = createAnswerParser(answerQuestion(lettered, 'en', new Map([['en', texts]])), { languages: ['en'] });
    expect(parser.parse('2')).toMatchObject({ kind: 'answer', optionKey: 'b' });
  });

  it('speaks every supported language, and falls back to the base language, then English', () => {
    expect(SURVEY_PHRASE_LANGUAGES).toHaveLength(13);
    for (const language of SURVEY_PHRASE_LANGUAGES) expect(surveyPhrases(language).replyChoice(['1', '2', '3'])).toMatch(/1.*2.*3/);
    expect(surveyPhrases('es-MX').thanks).toBe('¡Gracias por sus respuestas!');
    expect(surveyPhrases('zh-TW')).toBe(surveyPhrases('zh-Hant'));
    expect(surveyPhrases('de').thanks).toBe('Thank you for your answers!');
    expect(stepName({ kind: 'again', key: 'ok' })).toBe('q:ok:again');
  });

  it('lists every problem of a survey that cannot be answered', () => {
    expect(surveyProblems([])).toEqual([{ field: 'questions', message: 'a survey needs at least one question' }]);
    expect(
      surveyProblems([
        { key: 'a', text: 'x', kind: 'yesno', options: [{ key: '1', label: 'y' }] },
        { key: 'a', text: 'y', kind: 'scale', scale: { min: 0, max: 11 } },
      ]),
    ).toEqual([
      { field: 'questions.0.options', message: 'only a choice has options' },
      { field: 'questions.1.key', message: 'duplicate question key a' },
      { field: 'questions.1.scale', message: 'a scale runs within 0 to 10' },
    ]);
    expect(() =>
      checkSurvey([
        {
          key: 'a',
          text: 'x',
          kind: 'choice',
          options: [
            { key: '1', label: 'Same' },
            { key: '2', label: 'same' },
          ],
        },
      ]),
    ).toThrow(DomainError);
  });

  it('keeps spreadsheet formulas out of CSV cells', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+16175550100')).toBe("'+16175550100");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('a, "b"')).toBe('"a, ""b"""');
    expect(csvCell(null)).toBe('');
    expect(csvCell('la tarde')).toBe('la tarde');
  });
});
