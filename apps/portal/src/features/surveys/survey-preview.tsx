import { Badge, Box, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { languageName } from '../../i18n/i18n';
import { ProblemList } from '../../layout/problems';
import { useMe } from '../auth/session';
import { SurveyPreview, SurveyTranslation } from './hooks';
import { SurveyTextsEditor } from './survey-texts-editor';

const STATUS_COLOR: Record<string, string> = { ready: 'green', needs_review: 'yellow', missing: 'red' };

/** Recipients per language, what is suppressed, and each question as each language's families will read it. */
export function SurveyPreviewPanel({ surveyId, preview }: { surveyId: string; preview: SurveyPreview }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const canApprove = me.data?.role === 'liaison' || me.data?.role === 'district_admin';
  // The source language's texts are the ones every other language translates.
  const source = new Map(
    (preview.translations.find((translation) => translation.units.every((unit) => unit.origin === 'source'))?.units ?? []).map((unit) => [unit.unit, unit.body ?? '']),
  );
  return (
    <Stack>
      <Title order={2}>{t('notices.recipients')}</Title>
      <Text>
        {t('notices.recipientsSummary', { count: preview.recipients.total, segments: preview.estimatedSegments })}{' '}
        {Object.entries(preview.recipients.byLanguage)
          .map(([language, n]) => `${languageName(language, i18n.language)}: ${String(n)}`)
          .join(' · ')}
      </Text>
      <Text size="sm">{t('notices.suppressedSummary', preview.suppressed)}</Text>
      <Title order={2}>{t('notices.translations')}</Title>
      <Box style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))', gap: 16 }}>
        {preview.translations.map((translation) => (
          <LanguageCard key={translation.language} surveyId={surveyId} translation={translation} canApprove={canApprove} source={source} />
        ))}
      </Box>
    </Stack>
  );
}

function LanguageCard({
  surveyId,
  translation,
  canApprove,
  source,
}: {
  surveyId: string;
  translation: SurveyTranslation;
  canApprove: boolean;
  source: Map<string, string>;
}) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const editable = translation.units.some((unit) => unit.origin !== 'source');
  const approve = useMutation({
    mutationFn: () =>
      ok(api.POST('/api/v1/surveys/{id}/translations/{language}/approve', { params: { path: { id: surveyId, language: translation.language } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['survey', surveyId, 'preview'] }),
  });
  const name = languageName(translation.language, i18n.language);
  return (
    <Card withBorder component="section" aria-label={name}>
      <Stack gap="xs">
        <Title order={3}>{name}</Title>
        <Group gap="xs">
          <Badge color={STATUS_COLOR[translation.status] ?? 'gray'} variant="light">
            {t(`notices.translationStatus.${translation.status}`, { defaultValue: translation.status })}
          </Badge>
          {translation.origin && <Badge variant="outline">{t(`notices.origins.${translation.origin}`, { defaultValue: translation.origin })}</Badge>}
          {translation.encoding && <Badge variant="outline">{translation.encoding}</Badge>}
        </Group>
        <List spacing="xs" aria-label={t('surveys.asSent', { language: name })}>
          {translation.questions.map((question) => (
            <List.Item key={question.key}>
              {question.body === null ? (
                <Text c="dimmed">{t('surveys.missingText')}</Text>
              ) : (
                <Text style={{ whiteSpace: 'pre-wrap' }}>{question.body}</Text>
              )}
              <Text size="xs" c="dimmed">
                {t('notices.segments', { count: question.segments })}
              </Text>
            </List.Item>
          ))}
        </List>
        {editing && (
          <SurveyTextsEditor
            surveyId={surveyId}
            language={translation.language}
            languageName={name}
            units={translation.units}
            source={source}
            onDone={() => setEditing(false)}
          />
        )}
        {approve.error && <ProblemList error={approve.error} />}
        {!editing && (
          <Group gap="xs">
            {editable && (
              <Button size="xs" variant="default" onClick={() => setEditing(true)}>
                {t('surveys.texts.edit', { language: name })}
              </Button>
            )}
            {canApprove && translation.status === 'needs_review' && (
              <Button size="xs" variant="default" onClick={() => approve.mutate()} loading={approve.isPending}>
                {t('notices.approveIn', { language: name })}
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Card>
  );
}
