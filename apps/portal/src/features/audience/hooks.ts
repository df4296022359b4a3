import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { Audience, Urgency } from '../../api/types';

export const useSchools = (enabled = true) => useQuery({ queryKey: ['schools'], queryFn: () => ok(api.GET('/api/v1/schools')), enabled });

/** The caller's classes, by title. */
export const useSections = (enabled = true) =>
  useQuery({
    queryKey: ['sections', 'pick'],
    queryFn: () => ok(api.GET('/api/v1/sections', { params: { query: { limit: 500 } } })),
    staleTime: 60_000,
    enabled,
  });

/** Family members whose name, phone or email contains `q` (the first 25). */
export const useFamilySearch = (q: string, enabled = true) =>
  useQuery({
    enabled,
    queryKey: ['contacts', 'pick', q],
    queryFn: () => ok(api.GET('/api/v1/contacts', { params: { query: { q: q || undefined, limit: 25 } } })),
    placeholderData: keepPreviousData,
  });

/** The district's settings: its time zone and quiet hours. */
export const useDistrict = () => useQuery({ queryKey: ['settings'], queryFn: () => ok(api.GET('/api/v1/settings')), staleTime: 60_000 });

/** Whether the audience names anyone at all (the API answers 400 otherwise). */
export const namesSomeone = (a: Audience) => a.all === true || [a.schoolIds, a.grades, a.sectionIds, a.contactIds].some((ids) => (ids?.length ?? 0) > 0);

/** Phones per language, the suppressed and the quiet-hours hold of an audience, counted again as it changes. */
export const useAudienceCount = (audience: Audience, urgency?: Urgency, scheduledAt?: string) =>
  useQuery({
    queryKey: ['audience-count', audience, urgency, scheduledAt],
    queryFn: () =>
      ok(
        api.POST('/api/v1/notices/audience-count', {
          body: { audience, ...(urgency ? { urgency } : {}), ...(scheduledAt ? { scheduledAt } : {}) },
        }),
      ),
    enabled: namesSomeone(audience),
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
