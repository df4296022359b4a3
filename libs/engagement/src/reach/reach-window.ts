import { DomainError } from '@porchlight/contracts';
import { ReachGrouping, ReachWindow } from './reach.sql';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** The window the report covers unless asked otherwise. */
export const DEFAULT_REACH_DAYS = 90;
/** The longest window: a year and a day, so every week of it is one bit of a bigint. */
export const MAX_REACH_DAYS = 366;

export interface ReachQuery {
  from?: string;
  to?: string;
  by?: ReachGrouping;
}

/** The window asked for: `to` defaults to now, `from` to 90 days before `to`; at most 366 days. */
export function reachWindow(query: ReachQuery, now: Date): ReachWindow {
  const problems: { field: string; message: string }[] = [];
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_REACH_DAYS * DAY_MS);
  if (Number.isNaN(to.getTime())) problems.push({ field: 'to', message: 'to must be an ISO 8601 date or time' });
  if (Number.isNaN(from.getTime())) problems.push({ field: 'from', message: 'from must be an ISO 8601 date or time' });
  if (problems.length === 0 && from >= to) problems.push({ field: 'from', message: 'from must be before to' });
  if (problems.length === 0 && to.getTime() - from.getTime() > MAX_REACH_DAYS * DAY_MS) {
    problems.push({ field: 'from', message: `the window may span at most ${String(MAX_REACH_DAYS)} days` });
  }
  if (problems.length > 0) throw new DomainError('invalid', 'validation failed', problems);
  const weekOrigin = mondayUtc(from);
  return { from, to, weekOrigin, weeks: Math.max(1, Math.ceil((to.getTime() - weekOrigin.getTime()) / WEEK_MS)) };
}

function mondayUtc(at: Date): Date {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * DAY_MS);
}
