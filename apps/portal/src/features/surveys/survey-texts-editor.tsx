import { Button, Group, Stack, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { ProblemList } from '../../layout/problems';
import { Schemas } from '../../api/types';
import { SurveyTranslation } from './hooks';

type Unit = SurveyTranslation['units'][number];
type TextsBody = Schemas['SurveyTranslationDto'];

/** `intro`, `q.<key>` or `q.<key>.o.<option>`, as the API names a survey's texts. */
function parseUnit(unit: string): { question?: string; option?: string } {
  const [, question, , option] = /^q\.([^.]+)(\.o\.(.+))?$/.exec(unit) ?? [];
  return { question, option };
}

/** The texts a person typed, as the API takes them: the intro, and per question its text and option labels. */
export function textsBody(texts: Map<string, string>): TextsBody {
  const body: TextsBody = {};
  const questions = new Map<string, NonNullable<TextsBody['questions']>[number]>();
  for (const [unit, text] of texts) {
    if (unit === 'intro') {
      body.intro = text;
      continue;
    }
    const { question, option } = parseUnit(unit);
    if (!question) continue;
    const entry = questions.get(question) ?? { key: question };
    if (option) entry.options = [...(entry.options ?? []), { key: option, label: text }];
    else entry.text = text;
    questions.set(question, entry);
  }
  if (questions.size > 0) body.questions = [...questions.values()];
  return body;
}

/**
 * A person writes or corrects one language's texts of a draft survey, each beside the source text
 * it translates; only the texts changed are sent (they become `human` and enter the memory).
 */
export function SurveyTextsEditor({
  surveyId,
  language,
  languageName,
  units,
  source,
  onDone,
}: {
  surveyId: string;
  language: string;
  languageName: string;
  units: Unit[];
  source: Map<string, string>;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [texts, setTexts] = useState(() => new Map(units.map((u) => [u.unit, u.body ?? ''])));
  const changed = new Map([...texts].filter(([unit, text]) => text.trim() !== '' && text !== (units.find((u) => u.unit === unit)?.body ?? '')));
  const save = useMutation({
    mutationFn: () => ok(api.PUT('/api/v1/surveys/{id}/translations/{language}', { params: { path: { id: surveyId, language } }, body: textsBody(changed) })),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['survey', surveyId, 'preview'] });
      onDone();
    },
  });
  const questionNumbers = new Map<string, number>();
  for (const u of units) {
    const { question } = parseUnit(u.unit);
    if (question && !questionNumbers.has(question)) questionNumbers.set(question, questionNumbers.size + 1);
  }
  const label = (unit: string) => {
    if (unit === 'intro') return t('surveys.texts.intro', { language: languageName });
    const { question, option } = parseUnit(unit);
    const n = questionNumbers.get(question ?? '') ?? 0;
    return option ? t('surveys.texts.option', { n, option, language: languageName }) : t('surveys.texts.question', { n, language: languageName });
  };
  return (
    <Stack gap="xs">
      {units.map((u) => (
        <Textarea
          key={u.unit}
          label={label(u.unit)}
          description={t('surveys.texts.source', { text: source.get(u.unit) ?? '' })}
          value={texts.get(u.unit) ?? ''}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setTexts((current) => new Map(current).set(u.unit, value));
          }}
          autosize
          minRows={1}
        />
      ))}
      {save.error && <ProblemList error={save.error} />}
      <Group gap="xs">
        <Button size="xs" onClick={() => save.mutate()} loading={save.isPending} disabled={changed.size === 0}>
          {t('surveys.texts.save', { language: languageName })}
        </Button>
        <Button size="xs" variant="subtle" onClick={onDone}>
          {t('surveys.texts.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
