import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { Schemas } from '../../api/types';

/** The decision log's shapes, as the API's OpenAPI description types them. */
export type Decision = Schemas['DecisionResponse'];
export type DecisionStatus = Decision['status'];
export type DecisionDetail = Schemas['DecisionDetailResponse'];
export type DecisionInput = Schemas['DecisionInputResponse'];

export const useDecisions = () => useQuery({ queryKey: ['decisions'], queryFn: () => ok(api.GET('/api/v1/decisions')) });

export const useDecision = (id: string) =>
  useQuery({ queryKey: ['decision', id], queryFn: () => ok(api.GET('/api/v1/decisions/{id}', { params: { path: { id } } })), refetchInterval: 5_000 });

export const useSurveys = () => useQuery({ queryKey: ['surveys'], queryFn: () => ok(api.GET('/api/v1/surveys')) });

export function useCreateDecision() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { title: string; question: string }) => ok(api.POST('/api/v1/decisions', { body: input })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['decisions'] }),
  });
}

/** Every change to one decision (its texts, status, inputs, the loop) refreshes the decision and the log. */
function useDecisionChange<Input, Result>(id: string, call: (input: Input) => Promise<Result>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: ['decision', id] }), client.invalidateQueries({ queryKey: ['decisions'] })]),
  });
}

export const useDecide = (id: string) =>
  useDecisionChange(id, (input: { outcome: string; rationale: string }) =>
    ok(api.PATCH('/api/v1/decisions/{id}', { params: { path: { id } }, body: { ...input, status: 'decided' } })),
  );

export const useAddInput = (id: string) =>
  useDecisionChange(id, (input: { surveyId: string } | { note: string; source: string }) => ok(api.POST('/api/v1/decisions/{id}/inputs', { params: { path: { id } }, body: input })));

export const useCloseTheLoop = (id: string) =>
  useDecisionChange(id, (input: { body: string; sourceLanguage: string; audience: 'respondents' | 'asked' }) =>
    ok(api.POST('/api/v1/decisions/{id}/close-the-loop', { params: { path: { id } }, body: input })),
  );
