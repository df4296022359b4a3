import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, query } from '../../api/client';
import { Audience, Notice, NoticeMessage, NoticePreview, NoticeReply, NoticeTranslation, Page, School, Urgency } from '../../api/types';

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
export const useNotices = (status?: string) =>
  useQuery({
    queryKey: ['notices', status],
    queryFn: async (): Promise<Notice[]> => {
      try {
        return (await api.get<Page<Notice>>(`/api/v1/notices${query({ status })}`)).items;
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 404) throw error;
        const found = await Promise.all(recentNoticeIds().map((id) => api.get<Notice>(`/api/v1/notices/${id}`).catch(() => undefined)));
        return found.filter((n): n is Notice => n !== undefined && (!status || n.status === status));
      }
    },
    refetchInterval: 5_000,
  });

const FINAL = new Set(['completed', 'canceled', 'failed', 'sent']);

/** A notice, polled every 1.5 s while it has messages on their way. */
export const useNotice = (id: string) =>
  useQuery({
    queryKey: ['notice', id],
    queryFn: () => api.get<Notice>(`/api/v1/notices/${id}`),
    refetchInterval: (q) => {
      const notice = q.state.data;
      if (!notice) return 1_500;
      return notice.status === 'draft' || (FINAL.has(notice.status) && noticeProgress(notice) === 100) ? false : 1_500;
    },
  });

/** Share of the notice's messages that reached an end: delivered, failed, undelivered, suppressed, canceled. */
export function noticeProgress(notice: Notice): number {
  const s = notice.stats;
  if (!s || s.total === 0) return 0;
  const done = s.delivered + s.undelivered + s.failed + s.suppressed + (s.canceled ?? 0);
  return Math.min(100, Math.round((done * 100) / s.total));
}

/** The notice's rows, polled while it moves, and read once more when it has arrived (the key changes). */
export const useNoticeMessages = (id: string, live: boolean) =>
  useQuery({
    queryKey: ['notice', id, 'messages', live],
    queryFn: () => api.get<Page<NoticeMessage>>(`/api/v1/notices/${id}/messages?limit=100`),
    refetchInterval: live ? 2_000 : false,
  });

export const useNoticeReplies = (id: string) =>
  useQuery({ queryKey: ['notice', id, 'replies'], queryFn: () => api.get<Page<NoticeReply>>(`/api/v1/notices/${id}/replies`), refetchInterval: 5_000 });

export const usePreview = (id: string | undefined) =>
  useQuery({ queryKey: ['notice', id, 'preview'], queryFn: () => api.get<NoticePreview>(`/api/v1/notices/${id}/preview`), enabled: Boolean(id) });

export const useSchools = () => useQuery({ queryKey: ['schools'], queryFn: () => api.get<School[] | Page<School>>('/api/v1/schools'), select: (d) => (Array.isArray(d) ? d : d.items) });

export interface NoticeDraft {
  title?: string;
  body: string;
  sourceLanguage: string;
  audience: Audience;
  urgency: Urgency;
}

export const useCreateNotice = () => useMutation({ mutationFn: (draft: NoticeDraft) => api.post<Notice>('/api/v1/notices', draft) });

export function useSaveTranslation(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ language, body }: { language: string; body: string }) => api.put<NoticeTranslation>(`/api/v1/notices/${id}/translations/${language}`, { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notice', id, 'preview'] }),
  });
}

export function useApproveTranslation(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (language: string) => api.post<NoticeTranslation>(`/api/v1/notices/${id}/translations/${language}/approve`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notice', id, 'preview'] }),
  });
}

export function useSendNotice() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Notice>(`/api/v1/notices/${id}/send`),
    onSuccess: (notice) => {
      rememberNotice(notice.id);
      return client.invalidateQueries({ queryKey: ['notices'] });
    },
  });
}

export function useCancelNotice(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Notice>(`/api/v1/notices/${id}/cancel`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notice', id] }),
  });
}
