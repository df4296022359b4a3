import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { Schemas } from '../../api/types';

export type ReachReport = Schemas['ReachReportResponse'];
export type ReachGrouping = ReachReport['by'];
export type ReachFigures = Schemas['ReachFiguresResponse'];
export type ReachGroup = Schemas['ReachGroupResponse'];
export type ReachWeek = Schemas['ReachWeekResponse'];

/** `GET /api/v1/reports/reach`: who was reached and who was heard, per group, over a window. */
export const useReach = (by: ReachGrouping, from?: string, to?: string) =>
  useQuery({
    queryKey: ['reach', by, from, to],
    queryFn: () => ok(api.GET('/api/v1/reports/reach', { params: { query: { by, from, to } } })),
    refetchInterval: 30_000,
  });

/** A rate as a whole percentage, or a dash when there is nothing to divide. */
export const percent = (rate: number | null) => (rate === null ? '–' : `${String(Math.round(rate * 100))} %`);
