import { Badge, Box, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NoticePreview, NoticeTranslation, Role } from '../../api/types';
import { languageName } from '../../i18n/i18n';
import { ProblemList } from '../../layout/problems';
import { useApproveTranslation, useSaveTranslation } from './hooks';

const STATUS_COLOR: Record<NoticeTranslation['status'], string> = { ready: 'green', needs_review: 'yellow', missing: 'red' };

/** Recipients per language, what is suppressed, and each language's text with its origin, status and cost. */
export function PreviewPanel({ noticeId, preview, role }: { noticeId: string; preview: NoticePreview; role?: Role }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('notices.recipients')}</Title>
      <Text>
        {t('notices.recipientsSummary', { count: preview.recipients.total, segments: preview.estimatedSegments })}{' '}
        {Object.entries(preview.recipients.byLanguage)
          .map(([language, n]) => `${languageName(language, i18n.language)}: ${n}`)
          .join(' · ')}
      </Text>
      <Text size="sm">
        {t('notices.suppressedSummary', { optedOut: preview.suppressed.optedOut, invalid: preview.suppressed.invalid ?? 0, noPhone: preview.suppressed.noPhone })}
      </Text>
      <Title order={2}>{t('notices.translations')}</Title>
      <Box style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))', gap: 16 }}>
        {preview.translations.map((translation) => (
          <TranslationCard key={translation.language} noticeId={noticeId} translation={translation} canApprove={role === 'liaison' || role === 'district_admin'} />
        ))}
      </Box>
    </Stack>
  );
}

function TranslationCard({ noticeId, translation, canApprove }: { noticeId: string; translation: NoticeTranslation; canApprove: boolean }) {
  const { t, i18n } = useTranslation();
  const save = useSaveTranslation(noticeId);
  const approve = useApproveTranslation(noticeId);
  const [text, setText] = useState(translation.body ?? '');
  const name = languageName(translation.language, i18n.language);
  const editable = translation.origin !== 'source';
  return (
    <Card withBorder component="section" aria-label={name}>
      <Stack gap="xs">
        <Title order={3}>{name}</Title>
        <Group gap="xs">
          <Badge color={STATUS_COLOR[translation.status]} variant="light">
            {t(`notices.translationStatus.${translation.status}`)}
          </Badge>
          {translation.origin && <Badge variant="outline">{t(`notices.origins.${translation.origin}`)}</Badge>}
          <Badge variant="outline">{t('notices.segments', { count: translation.segments })}</Badge>
          {translation.encoding && <Badge variant="outline">{translation.encoding}</Badge>}
        </Group>
        {translation.reviewReason && <Text size="sm">{translation.reviewReason}</Text>}
        {editable ? (
          <>
            <Textarea label={t('notices.textIn', { language: name })} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={3} />
            {save.error && <ProblemList error={save.error} />}
            <Group gap="xs">
              <Button size="xs" onClick={() => save.mutate({ language: translation.language, body: text })} loading={save.isPending} disabled={!text.trim() || text === translation.body}>
                {t('notices.saveTextIn', { language: name })}
              </Button>
              {canApprove && translation.status === 'needs_review' && (
                <Button size="xs" variant="default" onClick={() => approve.mutate(translation.language)} loading={approve.isPending}>
                  {t('notices.approveIn', { language: name })}
                </Button>
              )}
            </Group>
          </>
        ) : (
          <Text style={{ whiteSpace: 'pre-wrap' }}>{translation.body}</Text>
        )}
      </Stack>
    </Card>
  );
}
