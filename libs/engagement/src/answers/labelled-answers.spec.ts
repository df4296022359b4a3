import { category, loadLabelledSet, loadOtherMessages, loadQuestions, questionFor, score } from '../../../../tests/fixtures/survey-answers/labelled-set';
import { createAnswerParser } from './parse-answer';

/**
 * The reader against the labelled set it was tuned on (tests/fixtures/survey-answers/labelled.json).
 * The holdout is measured by `npm run bench:survey-answers`, not here: a floor on it would turn it
 * into a second tuning set. docs/family-voice.md has the figures.
 */
describe('reading the labelled survey answers', () => {
  const questions = loadQuestions();
  const samples = loadLabelledSet('labelled');
  const result = score(samples, questions, (sample) =>
    createAnswerParser(questionFor(questions[sample.question], sample.languages), { languages: sample.languages }).parse(sample.reply),
  );

  it('is a set of at least 300 replies in the 13 languages, of every kind of question', () => {
    expect(samples.length).toBeGreaterThanOrEqual(300);
    expect(new Set(samples.map((sample) => sample.language)).size).toBe(13);
    expect(new Set(samples.map((sample) => questions[sample.question].kind))).toEqual(new Set(['choice', 'yesno', 'scale', 'text']));
  });

  it('reads at least 97% of them as a person would', () => {
    expect(result.right / result.total).toBeGreaterThanOrEqual(0.97);
  });

  it('reads at least 90% in each language', () => {
    for (const [language, { right, total }] of result.perLanguage) {
      expect({ language, accuracy: right / total >= 0.9 }).toEqual({ language, accuracy: true });
    }
  });

  it('never records an answer a person would not: every miss is asked again, not guessed', () => {
    const guesses = result.wrong
      .filter(({ got }) => got !== 'unrecognised')
      .map(({ sample, got }) => `${sample.reply} → ${got}, not ${category(sample.expected)}`);
    expect(guesses).toEqual([]);
  });

  it('reads hardly any message about something else as an option or a value (1% at most)', () => {
    const messages = loadOtherMessages();
    const languages = [...new Set(samples.flatMap((sample) => sample.languages))];
    for (const [id, fixture] of Object.entries(questions).filter(([, q]) => q.kind === 'choice' || q.kind === 'scale')) {
      const parser = createAnswerParser(questionFor(fixture, languages), { languages });
      const answered = messages.filter((text) => parser.parse(text).kind === 'answer');
      expect({ id, share: answered.length / messages.length <= 0.01 }).toEqual({ id, share: true });
    }
  });
});
