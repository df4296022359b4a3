import { Group, MultiSelect, Radio, Stack, TagsInput, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Audience, Contact, Urgency } from '../../api/types';
import { languageName } from '../../i18n/i18n';
import { ProblemList } from '../../layout/problems';
import { useAudienceCount, useFamilySearch, useSchools, useSections } from './hooks';

export const AUDIENCE_KINDS = ['all', 'schools', 'grades', 'sections', 'families'] as const;
export type AudienceKind = (typeof AUDIENCE_KINDS)[number];

/** Who a notice or a survey goes to, as the composer keeps it (with the chosen families' names, to show them again). */
export interface AudienceChoice {
  kind: AudienceKind;
  schoolIds: string[];
  grades: string[];
  sectionIds: string[];
  contactIds: string[];
  contactNames: Record<string, string>;
}

export const EMPTY_AUDIENCE: AudienceChoice = { kind: 'all', schoolIds: [], grades: [], sectionIds: [], contactIds: [], contactNames: {} };

/** The API's audience for a choice: only the list of the kind chosen. */
export function audienceOf(choice: AudienceChoice): Audience {
  if (choice.kind === 'schools') return { schoolIds: choice.schoolIds };
  if (choice.kind === 'grades') return { grades: choice.grades };
  if (choice.kind === 'sections') return { sectionIds: choice.sectionIds };
  if (choice.kind === 'families') return { contactIds: choice.contactIds };
  return { all: true };
}

const nameOf = (c: Contact) => [c.givenName, c.familyName].filter(Boolean).join(' ') || (c.phone ?? c.id);

/**
 * The audience of a notice or a survey: the whole district, schools, grades, classes or families
 * found by name, phone or email; below it, the phones it reaches per language and those not sent
 * to, counted again as the choice changes (with `urgency` and `scheduledAt`, also for quiet hours).
 */
export function AudiencePicker({
  value,
  onChange,
  urgency,
  scheduledAt,
}: {
  value: AudienceChoice;
  onChange: (next: AudienceChoice) => void;
  urgency?: Urgency;
  scheduledAt?: string;
}) {
  const { t } = useTranslation();
  // Each list is read once its kind is chosen.
  const schools = useSchools(value.kind === 'schools');
  const sections = useSections(value.kind === 'sections');
  const [search, setSearch] = useState('');
  // Asked once typing pauses, not at every key.
  const [q] = useDebouncedValue(search.trim(), 300);
  const families = useFamilySearch(q, value.kind === 'families');
  const set = (patch: Partial<AudienceChoice>) => onChange({ ...value, ...patch });

  const found = (families.data?.items ?? []).map((c) => ({ value: c.id, label: nameOf(c) }));
  const chosen = value.contactIds.filter((id) => !found.some((f) => f.value === id)).map((id) => ({ value: id, label: value.contactNames[id] ?? id }));
  const pickFamilies = (contactIds: string[]) => {
    const names = Object.fromEntries([...chosen, ...found].filter((o) => contactIds.includes(o.value)).map((o) => [o.value, o.label]));
    set({ contactIds, contactNames: names });
  };

  return (
    <Stack gap="xs">
      <Radio.Group label={t('notices.audience')} value={value.kind} onChange={(v) => set({ kind: v as AudienceKind })}>
        <Group mt="xs">
          {AUDIENCE_KINDS.map((kind) => (
            <Radio key={kind} value={kind} label={t(`notices.audienceKinds.${kind}`)} />
          ))}
        </Group>
      </Radio.Group>
      {value.kind === 'schools' && (
        <MultiSelect
          label={t('notices.schools')}
          data={(schools.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          value={value.schoolIds}
          onChange={(schoolIds) => set({ schoolIds })}
          searchable
        />
      )}
      {value.kind === 'grades' && (
        <TagsInput label={t('notices.grades')} description={t('notices.gradesHelp')} value={value.grades} onChange={(grades) => set({ grades })} />
      )}
      {value.kind === 'sections' && (
        <MultiSelect
          label={t('audience.sections')}
          description={t('audience.sectionsHelp')}
          data={(sections.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.title} · ${s.school.name}` }))}
          value={value.sectionIds}
          onChange={(sectionIds) => set({ sectionIds })}
          nothingFoundMessage={t('audience.noSections')}
          searchable
        />
      )}
      {value.kind === 'families' && (
        <MultiSelect
          label={t('notices.families')}
          description={t('families.searchHelp')}
          data={[...chosen, ...found]}
          value={value.contactIds}
          onChange={pickFamilies}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options }) => options}
          nothingFoundMessage={t('families.none')}
        />
      )}
      <AudienceCount audience={audienceOf(value)} urgency={urgency} scheduledAt={scheduledAt} />
    </Stack>
  );
}

/** "12 phones: English 8 · Spanish 4. Not sent: …", said again to screen readers as it changes. */
function AudienceCount({ audience, urgency, scheduledAt }: { audience: Audience; urgency?: Urgency; scheduledAt?: string }) {
  const { t, i18n } = useTranslation();
  const count = useAudienceCount(audience, urgency, scheduledAt);
  if (count.isError) return <ProblemList error={count.error} />;
  const data = count.data;
  return (
    <div role="status" aria-live="polite">
      {data && (
        <Stack gap={2}>
          <Text size="sm">
            {t('audience.reaches', { count: data.recipients.total })}{' '}
            {Object.entries(data.recipients.byLanguage)
              .map(([language, n]) => `${languageName(language, i18n.language)} ${String(n)}`)
              .join(' · ')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('notices.suppressedSummary', { optedOut: data.suppressed.optedOut, invalid: data.suppressed.invalid, noPhone: data.suppressed.noPhone })}
          </Text>
        </Stack>
      )}
    </div>
  );
}
