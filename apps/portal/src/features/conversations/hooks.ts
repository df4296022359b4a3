import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { ConversationSummary, Schemas } from '../../api/types';

/** The inbox's filters, as `GET /api/v1/conversations` takes them. */
export interface ConversationFilter {
  unread?: boolean;
  assigned?: 'me' | 'none';
  school?: 'mine';
  contactId?: string;
}

export const useConversations = (filter: ConversationFilter = {}, options: { poll?: boolean } = {}) =>
  useQuery({
    queryKey: ['conversations', filter],
    queryFn: () => ok(api.GET('/api/v1/conversations', { params: { query: filter } })),
    refetchInterval: options.poll === false ? false : 5_000,
  });

export const useConversation = (id: string) =>
  useQuery({ queryKey: ['conversation', id], queryFn: () => ok(api.GET('/api/v1/conversations/{id}', { params: { path: { id } } })), refetchInterval: 3_000 });

export function useReply(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Schemas['ReplyDto']) => ok(api.POST('/api/v1/conversations/{id}/messages', { params: { path: { id } }, body: input })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['conversation', id] }),
  });
}

/** The staff who see the thread's family: whom it can be handed to. */
export const useAssignees = (id: string) =>
  useQuery({ queryKey: ['assignees', id], queryFn: () => ok(api.GET('/api/v1/conversations/{id}/assignees', { params: { path: { id } } })) });

export function useAssign(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string | null) => ok(api.POST('/api/v1/conversations/{id}/assign', { params: { path: { id } }, body: { userId } })),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: ['conversation', id] }), client.invalidateQueries({ queryKey: ['conversations'] })]),
  });
}

/** The family's name as staff say it, else their phone. */
export function familyName(c: ConversationSummary): string {
  const name = [c.contact?.givenName, c.contact?.familyName].filter(Boolean).join(' ');
  return name || c.phone;
}
