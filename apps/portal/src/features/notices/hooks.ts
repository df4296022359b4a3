import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, ok } from '../../api/client';
import { Notice, NoticeSummary, NoticeStats, Schemas } from '../../api/types';

const RECENT = 'porchlight.recentNotices';

/** Notices opened in this browser, for the list while the API has no notice list to offer. */
export function rememberNotice(id: string): void {
  const ids = [id, ...recentNoticeIds().filter((x) => x !== id)].slice(0, 20);
  localStorage.setItem(RECENT, JSON.stringify(ids));
}
export function recentNoticeIds(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(RECENT) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** The caller's notices, newest first; where the API lists none, those opened in this browser. */
export const useNotices = (status?: Notice['status']) =>
  useQuery({
    queryKey: ['notices', status],
    queryFn: async (): Promise<(NoticeSummary | Notice)[]> => {
      try {
        return (await ok(api.GET('/api/v1/notices', { params: { query: { status } } }))).items;
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 404) throw error;
        const found = await Promise.all(recentNoticeIds().map((id) => getNotice(id).catch(() => undefined)));
        return found.filter((n): n is Notice => n !== undefined && (!status || n.status === status));
      }
    },
    refetchInterval: 5_000,
  });

const getNotice = (id: string) => ok(api.GET('/api/v1/notices/{id}', { params: { path: { id } } }));

const FINAL = new Set<string>(['completed', 'canceled', 'failed', 'sent']);

/** A notice, polled every 1.5 s while it has messages on their way. */
export const useNotice = (id: string) =>
  useQuery({
    queryKey: ['notice', id],
    queryFn: () => getNotice(id),
    refetchInterval: (q) => {
      const notice = q.state.data;
      if (!notice) return 1_500;
      return notice.status === 'draft' || (FINAL.has(notice.status) && noticeProgress(notice) === 100) ? false : 1_500;
    },
  });

/** Share of the notice's messages that reached an end: delivered, failed, undelivered, suppressed, canceled. */
export function noticeProgress(notice: { stats?: NoticeStats }): number {
  const s = notice.stats;
  if (!s || s.total === 0) return 0;
  const done = s.delivered + s.undelivered + s.failed + s.suppressed + (s.canceled ?? 0);
  return Math.min(100, Math.round((done * 100) / s.total));
}

/** The notice's rows, polled while it moves, and read once more when it has arrived (the key changes). */
export const useNoticeMessages = (id: string, live: boolean) =>
  useQuery({
    queryKey: ['notice', id, 'messages', live],
    queryFn: () => ok(api.GET('/api/v1/notices/{id}/messages', { params: { path: { id }, query: { limit: 100 } } })),
    refetchInterval: live ? 2_000 : false,
  });

export const useNoticeReplies = (id: string) =>
  useQuery({ queryKey: ['notice', id, 'replies'], queryFn: () => ok(api.GET('/api/v1/notices/{id}/replies', { params: { path: { id } } })), refetchInterval: 5_000 });

export const usePreview = (id: string | undefined) =>
  useQuery({
    queryKey: ['notice', id, 'preview'],
    queryFn: () => ok(api.GET('/api/v1/notices/{id}/preview', { params: { path: { id: id ?? '' } } })),
    enabled: Boolean(id),
  });

/** The template catalog: each template's key, title and variables. */
export const useTemplates = () => useQuery({ queryKey: ['templates'], queryFn: () => ok(api.GET('/api/v1/templates')), staleTime: Infinity });

export type NoticeDraft = Schemas['CreateNoticeDto'];

export const useCreateNotice = () => useMutation({ mutationFn: (draft: NoticeDraft) => ok(api.POST('/api/v1/notices', { body: draft })) });

export function useSaveTranslation(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ language, body }: { language: string; body: string }) =>
      ok(api.PUT('/api/v1/notices/{id}/translations/{language}', { params: { path: { id, language } }, body: { body } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notice', id, 'preview'] }),
  });
}

export function useApproveTranslation(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (language: string) => ok(api.POST('/api/v1/notices/{id}/translations/{language}/approve', { params: { path: { id, language } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notice', id, 'preview'] }),
  });
}

export function useSendNotice() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => ok(api.POST('/api/v1/notices/{id}/send', { params: { path: { id } } })),
    onSuccess: (notice) => {
      rememberNotice(notice.id);
      return client.invalidateQueries({ queryKey: ['notices'] });
    },
  });
}

export function useCancelNotice(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => ok(api.POST('/api/v1/notices/{id}/cancel', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notice', id] }),
  });
}
