import { Injectable } from '@nestjs/common';
import { StaffPrincipal } from '@porchlight/contracts';
import { FamilyScope, schoolNames } from '@porchlight/contacts';
import { query, TenantDb, useHeavyReadSettings } from '@porchlight/database';
import { reachStatement, ReachGrouping, ReachRow, ReachWindow } from './reach.sql';
import { ReachQuery, reachWindow } from './reach-window';
import { wilsonInterval } from './wilson';

const WEEK_MS = 7 * 86_400_000;
/** A group is under-heard when its heard rate's interval lies wholly below this share of the district's rate. */
export const UNDER_HEARD_SHARE = 0.8;

export interface ReachWeek {
  /** Monday 00:00 UTC. */
  weekStart: string;
  studentsReached: number;
  studentsHeard: number;
  reachedRate: number | null;
  heardRate: number | null;
}

export interface ReachFigures {
  students: number;
  studentsReached: number;
  /** Reached ÷ students; null without students. */
  reachedRate: number | null;
  /** Reached students whose family replied (not a keyword) or answered a survey in the window. */
  studentsHeard: number;
  /** Heard ÷ reached; null when nobody was reached. */
  heardRate: number | null;
  replied: number;
  answered: number;
  /** Students whose family's every phone has opted out (now). */
  optedOut: number;
  /** Students with no family phone that can take a text (no family member, no phone, or a number the carrier refused), opted-out families aside. */
  noReachablePhone: number;
  /** The 95% Wilson interval of `heardRate`. */
  interval: [number, number];
  weeks: ReachWeek[];
}

export interface ReachGroup extends ReachFigures {
  /** The school's id, the grade, the language (BCP 47) or the family role; null: not known (no family member on file, no grade). */
  group: string | null;
  /** The school's name; otherwise the group itself. */
  label: string | null;
  underHeard: boolean;
}

export interface ReachReport {
  from: string;
  to: string;
  by: ReachGrouping;
  /** `district`: the whole district; `schools`: a school-level caller's schools, which `district` then covers. */
  scope: 'district' | 'schools';
  groups: ReachGroup[];
  district: ReachFigures;
}

/**
 * Reach and voice over a window: per group and for the caller's scope, how many students' families
 * a text reached, and of those how many were heard (docs/family-voice.md#reach-and-voice).
 */
@Injectable()
export class ReachReportUseCase {
  constructor(private readonly db: TenantDb) {}

  async execute(actor: StaffPrincipal, request: ReachQuery, now: Date = new Date()): Promise<ReachReport> {
    const by = request.by ?? 'language';
    const window = reachWindow(request, now);
    const scope = FamilyScope.of(actor);
    const { sql, params } = reachStatement(by, window, scope);
    const { rows, labels } = await this.db.tx(async (m) => {
      await useHeavyReadSettings(m);
      const found = await query<ReachRow>(m, sql, params);
      return { rows: found, labels: by === 'school' ? await schoolNames(m) : new Map<string, string>() };
    });
    const districtRow = rows.find((row) => row.level === 'district');
    const district = figures(districtRow, window);
    const bar = district.heardRate === null ? null : UNDER_HEARD_SHARE * district.heardRate;
    const groups = rows
      .filter((row) => row.level === 'group')
      .map((row): ReachGroup => {
        const own = figures(row, window);
        return {
          group: row.group_key,
          label: by === 'school' ? (labels.get(row.group_key ?? '') ?? null) : row.group_key,
          ...own,
          underHeard: bar !== null && own.studentsReached > 0 && own.interval[1] < bar,
        };
      });
    return { from: window.from.toISOString(), to: window.to.toISOString(), by, scope: scope.districtWide ? 'district' : 'schools', groups, district };
  }
}

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);

function figures(row: ReachRow | undefined, window: ReachWindow): ReachFigures {
  const n = (value: string | undefined) => Number(value ?? 0);
  const students = n(row?.students);
  const reached = n(row?.reached);
  const heard = n(row?.heard);
  return {
    students,
    studentsReached: reached,
    reachedRate: rate(reached, students),
    studentsHeard: heard,
    heardRate: rate(heard, reached),
    replied: n(row?.replied),
    answered: n(row?.answered),
    optedOut: n(row?.opted_out),
    noReachablePhone: n(row?.no_phone),
    interval: wilsonInterval(heard, reached),
    weeks: Array.from({ length: window.weeks }, (_, i) => {
      const weekReached = n(row?.weeks_reached[i]);
      const weekHeard = n(row?.weeks_heard[i]);
      return {
        weekStart: new Date(window.weekOrigin.getTime() + i * WEEK_MS).toISOString(),
        studentsReached: weekReached,
        studentsHeard: weekHeard,
        reachedRate: rate(weekReached, students),
        heardRate: rate(weekHeard, weekReached),
      };
    }),
  };
}
