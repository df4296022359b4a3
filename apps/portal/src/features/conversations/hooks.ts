import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../../api/client';
import { Conversation, ConversationMessage, ConversationSummary, Page } from '../../api/types';

export const useConversations = (unread?: boolean) =>
  useQuery({
    queryKey: ['conversations', unread],
    queryFn: () => api.get<Page<ConversationSummary>>(`/api/v1/conversations${query({ unread })}`),
    refetchInterval: 5_000,
  });

export const useConversation = (id: string) =>
  useQuery({ queryKey: ['conversation', id], queryFn: () => api.get<Conversation>(`/api/v1/conversations/${id}`), refetchInterval: 3_000 });

export function useReply(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { body: string; sendUntranslated?: boolean }) => api.post<ConversationMessage>(`/api/v1/conversations/${id}/messages`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['conversation', id] }),
  });
}

/** The family's name as staff say it, else their phone. */
export function familyName(c: ConversationSummary): string {
  const name = [c.contact?.givenName, c.contact?.familyName].filter(Boolean).join(' ');
  return name || c.phone;
}
