import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { Contact, Schemas } from '../../api/types';

/** Languages offered by the list's filter: those the district's families most often read. */
export const FAMILY_LANGUAGES = ['en', 'es', 'zh-Hans', 'zh-Hant', 'vi', 'ar', 'so', 'ht', 'pt', 'fr', 'ru', 'ko', 'tl'];

export interface FamilyFilter {
  q?: string;
  schoolId?: string;
  language?: string;
}

export const contactName = (c: Contact) => [c.givenName, c.familyName].filter(Boolean).join(' ') || c.phone || c.id;

/** The list 100 at a time: each further page is asked with the cursor the last one ended at. */
export const useFamilies = (filter: FamilyFilter) =>
  useInfiniteQuery({
    queryKey: ['contacts', filter],
    queryFn: ({ pageParam }) => ok(api.GET('/api/v1/contacts', { params: { query: { ...filter, limit: 100, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useFamily = (id: string) => useQuery({ queryKey: ['contact', id], queryFn: () => ok(api.GET('/api/v1/contacts/{id}', { params: { path: { id } } })) });

/** The opt-outs and opt-ins of the family member's phone, oldest first. */
export const useConsentHistory = (id: string) =>
  useQuery({ queryKey: ['contact', id, 'consent'], queryFn: () => ok(api.GET('/api/v1/contacts/{id}/consent', { params: { path: { id } } })) });

/** The family member's children the caller sees. */
export const useChildren = (id: string) =>
  useQuery({ queryKey: ['contact', id, 'students'], queryFn: () => ok(api.GET('/api/v1/students', { params: { query: { contactId: id } } })) });

export function useSaveFamily(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: Schemas['UpdateContactDto']) => ok(api.PATCH('/api/v1/contacts/{id}', { params: { path: { id } }, body: patch })),
    onSuccess: (saved) => {
      client.setQueryData(['contact', id], saved);
      return Promise.all([client.invalidateQueries({ queryKey: ['contacts'] }), client.invalidateQueries({ queryKey: ['contact', id, 'consent'] })]);
    },
  });
}
