import { Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Surveys, decisions and reach have their places in the navigation; their screens come later. */
export default function Placeholder({ area }: { area: 'surveys' | 'decisions' | 'reach' }) {
  const { t } = useTranslation();
  return (
    <>
      <Title order={1}>{t(`nav.${area}`)}</Title>
      <Text mt="md">{t('placeholder.comingSoon')}</Text>
    </>
  );
}
