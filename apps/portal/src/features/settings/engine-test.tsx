import { Alert, Box, Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Settings } from '../../api/types';
import { ProblemList } from '../../layout/problems';
import { EngineTrial, useEngineTest } from './hooks';

/**
 * "Test it": a short sample through the engine as the form stands (unsaved fields included),
 * the answer shown in a live region: the translation, or what to check.
 */
export function EngineTest({ settings, engine }: { settings: Settings; engine: EngineTrial }) {
  const { t } = useTranslation();
  const test = useEngineTest();
  const targets = settings.languages.filter((language) => language !== settings.defaultLanguage);
  const [targetLanguage, setTarget] = useState(targets[0] ?? 'es');
  const [text, setText] = useState('');
  const result = test.data;
  const run = () => test.mutate({ ...engine, targetLanguage, text: text.trim() === '' ? undefined : text.trim() });
  return (
    <Stack gap="xs">
      <Group align="flex-end">
        <TextInput label={t('settings.engine.sample')} placeholder={t('settings.engine.samplePlaceholder')} value={text} onChange={(e) => setText(e.currentTarget.value)} />
        <NativeSelect
          label={t('settings.engine.testLanguage')}
          value={targetLanguage}
          onChange={(e) => setTarget(e.currentTarget.value)}
          data={targets.length > 0 ? targets : ['es']}
        />
        <Button type="button" variant="light" onClick={run} loading={test.isPending}>
          {t('settings.engine.test')}
        </Button>
      </Group>
      <Box role="status" aria-live="polite">
        {result?.ok && (
          <Alert color="green">
            <Text>{t('settings.engine.worked', { language: result.targetLanguage })}</Text>
            <Text fw={600} lang={result.targetLanguage}>
              {result.translatedText}
            </Text>
          </Alert>
        )}
        {result && !result.ok && (
          <Alert color="red">
            {result.errorCode ? t(`settings.engine.errors.${result.errorCode}`, { defaultValue: result.error }) : result.error}
          </Alert>
        )}
      </Box>
      {test.error && <ProblemList error={test.error} />}
    </Stack>
  );
}
