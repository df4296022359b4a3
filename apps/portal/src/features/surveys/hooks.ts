import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { Schemas } from '../../api/types';

/** The surveys' shapes, as the API's OpenAPI description types them. */
export type Survey = Schemas['SurveyResponse'];
export type SurveyStatus = Survey['status'];
export type SurveyQuestion = Survey['questions'][number];
export type QuestionKind = SurveyQuestion['kind'];
export type SurveyPreview = Schemas['SurveyPreviewResponse'];
export type SurveyTranslation = Schemas['SurveyTranslationResponse'];
export type SurveyResults = Schemas['SurveyResultsResponse'];
export type QuestionResult = Schemas['QuestionResultResponse'];
export type ResultGrouping = 'language' | 'school' | 'grade' | 'role';
export type SurveyDraft = Schemas['CreateSurveyDto'];

const LIVE = new Set<SurveyStatus>(['translating', 'open']);

export const useSurveyList = () =>
  useQuery({ queryKey: ['surveys'], queryFn: () => ok(api.GET('/api/v1/surveys')), refetchInterval: 5_000 });

/** A survey, polled every 2 s while its questions are on their way. */
export const useSurvey = (id: string) =>
  useQuery({
    queryKey: ['survey', id],
    queryFn: () => ok(api.GET('/api/v1/surveys/{id}', { params: { path: { id } } })),
    refetchInterval: (q) => (q.state.data && !LIVE.has(q.state.data.status) ? false : 2_000),
  });

/** Results move as answers arrive: polled every 2 s while the survey is open. */
export const useSurveyResults = (id: string, by: ResultGrouping, live: boolean) =>
  useQuery({
    queryKey: ['survey', id, 'results', by],
    queryFn: () => ok(api.GET('/api/v1/surveys/{id}/results', { params: { path: { id }, query: { by } } })),
    refetchInterval: live ? 2_000 : false,
  });

export const useSurveyPreview = (id: string | undefined) =>
  useQuery({
    queryKey: ['survey', id, 'preview'],
    queryFn: () => ok(api.GET('/api/v1/surveys/{id}/preview', { params: { path: { id: id ?? '' } } })),
    enabled: id !== undefined,
  });

export function useCreateSurvey() {
  return useMutation({ mutationFn: (draft: SurveyDraft) => ok(api.POST('/api/v1/surveys', { body: draft })) });
}

/** Sending and closing change the survey and the list. */
function useSurveyAction(action: 'send' | 'close') {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      action === 'send'
        ? ok(api.POST('/api/v1/surveys/{id}/send', { params: { path: { id } } }))
        : ok(api.POST('/api/v1/surveys/{id}/close', { params: { path: { id } } })),
    onSuccess: (survey) => Promise.all([client.invalidateQueries({ queryKey: ['survey', survey.id] }), client.invalidateQueries({ queryKey: ['surveys'] })]),
  });
}

export const useSendSurvey = () => useSurveyAction('send');
export const useCloseSurvey = () => useSurveyAction('close');
