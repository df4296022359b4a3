import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { StaffPrincipal, ThrottledError } from '@porchlight/contracts';
import { FamilyScope, schoolNamesListSql } from '@porchlight/contacts';
import { query, streamCsv, TenantDb, useHeavyReadSettings } from '@porchlight/database';
import { messageTextsSql } from '@porchlight/messaging';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { EntityManager } from 'typeorm';
import { openSurvey } from './survey-access';
import { visibleRecipientSql } from './survey-results';

/**
 * A cell as RFC 4180 writes it, made safe for spreadsheets: a value that starts with = + - @, a
 * tab or a carriage return is read as a formula by Excel and others, so it gets a leading
 * apostrophe (OWASP's advice); then quoted when it holds a comma, a quote or a line break.
 */
export function csvCell(value: string | number | null | undefined): string {
  const text = csvGuard(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A cell's text with `csvCell`'s guard against formulas, not yet quoted. */
export function csvGuard(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** The first characters `csvCell` guards, as code points: = + - @ tab, carriage return. */
const FORMULA_STARTS = [61, 43, 45, 64, 9, 13].join(', ');

/**
 * SQL: the text expression `value` (a column or a cheap expression, evaluated twice) guarded as
 * `csvCell` guards it, NULL when empty: a column `COPY ... (FORMAT csv)` then writes as `csvCell`
 * does (quoted when it holds a comma, a quote or a line break, its quotes doubled; nothing for NULL).
 */
export function csvCellSql(value: string): string {
  return `nullif(case when ascii(${value}) in (${FORMULA_STARTS}) then '''' || ${value} else ${value} end, '')`;
}

export const SURVEY_CSV_COLUMNS = ['phone', 'question', 'language', 'school', 'grade', 'kind', 'answer', 'original', 'translation', 'answeredAt'];

/** How many CSV downloads one API process streams at once, and the longest one may take. */
export interface SurveyCsvLimits {
  /** Downloads streaming at once (each holds a database connection while the client reads); more are refused with 429. */
  atOnce: number;
  /** The longest a download may take, in seconds: then it is cut short and its connection released. */
  maxSeconds: number;
}

export const SURVEY_CSV_LIMITS = Symbol('SURVEY_CSV_LIMITS');
export const DEFAULT_SURVEY_CSV_LIMITS: SurveyCsvLimits = { atOnce: 3, maxSeconds: 15 * 60 };

/** What a refused download is told to wait before asking again. */
const RETRY_AFTER_SECONDS = 5;

export interface SurveyCsvFile {
  fileName: string;
  /** UTF-8 bytes, read from the database as they are sent: the reader's transaction stays open until it ends or is destroyed. */
  stream: Readable;
}

/**
 * Every response as CSV: one row per phone and question (its latest counted answer before the
 * survey closed), with the family's language, schools and grades, the answer as the option's
 * label (yes/no, the value of a scale), the text as the family wrote it and its translation for
 * staff. UTF-8 with a byte-order mark, CRLF line ends; by phone, then in the survey's order of
 * questions.
 *
 * Postgres writes each line (the cells guarded, then quoted by COPY, as `csvCell` does) and sorts
 * them; the statement runs once inside one read-only snapshot and its lines are passed on as they
 * arrive (`streamCsv`), so memory stays the same whatever the survey's size. The survey is opened (and
 * a 404 thrown) and the first lines read before the stream is handed over: an error there is the
 * caller's to answer; a later one destroys the stream.
 *
 * Each download holds a database connection until its reader is done, so a process streams at
 * most `limits.atOnce` of them (more get a `ThrottledError`, 429 with Retry-After) and ends one
 * that takes longer than `limits.maxSeconds`.
 */
@Injectable()
export class SurveyCsvUseCase {
  private readonly logger = new Logger(SurveyCsvUseCase.name);
  private streaming = 0;

  constructor(
    private readonly db: TenantDb,
    @Optional() @Inject(SURVEY_CSV_LIMITS) private readonly limits: SurveyCsvLimits = DEFAULT_SURVEY_CSV_LIMITS,
  ) {}

  open(actor: StaffPrincipal, id: string): Promise<SurveyCsvFile> {
    if (this.streaming >= this.limits.atOnce)
      return Promise.reject(new ThrottledError('too many survey downloads at once; try again shortly', RETRY_AFTER_SECONDS));
    this.streaming++;
    return new Promise<SurveyCsvFile>((resolve, reject) => {
      let handedOver = false;
      this.db
        .snapshot(async (m) => {
          const stream = await streamLines(m, actor, id);
          handedOver = true;
          resolve({ fileName: `survey-${id}-responses.csv`, stream });
          const tooLong = setTimeout(
            () => stream.destroy(new Error(`not read to its end within ${String(this.limits.maxSeconds)} s`)),
            this.limits.maxSeconds * 1000,
          );
          // The transaction (and its connection) ends with the stream: read to the end, failed, cut short or too long.
          await finished(stream).finally(() => {
            clearTimeout(tooLong);
          });
        })
        .catch((error: unknown) => {
          if (!handedOver) reject(error instanceof Error ? error : new Error(String(error)));
          else if (!isPrematureClose(error))
            this.logger.warn({ msg: 'survey csv stopped', surveyId: id, reason: error instanceof Error ? error.message : String(error) });
        })
        .finally(() => this.streaming--);
    });
  }

  /** The whole file as one string (small surveys, tests). */
  async csv(actor: StaffPrincipal, id: string): Promise<string> {
    const { stream } = await this.open(actor, id);
    const parts: Buffer[] = [];
    for await (const chunk of stream) parts.push(chunk as Buffer);
    return Buffer.concat(parts).toString('utf8');
  }
}

/** Opens the survey as `actor` may and starts the statement of its lines; resolves with their first chunk. */
async function streamLines(m: EntityManager, actor: StaffPrincipal, id: string): Promise<Readable> {
  const survey = await openSurvey(m, actor, id);
  const params: unknown[] = [id];
  const visible = visibleRecipientSql(FamilyScope.of(actor).phoneSql('r.phone', params));
  const param = (value: unknown) => `$${String(params.push(value))}`;
  // Guarded as cells are (COPY quotes them): the options' labels by question and option key, the
  // schools of each list of schools the survey's recipients have (a few dozen lists) by the list as text.
  const labels = param(
    JSON.stringify(
      Object.fromEntries(
        survey.questions.map((question) => [question.key, Object.fromEntries((question.options ?? []).map((option) => [option.key, csvGuard(option.label)]))]),
      ),
    ),
  );
  const order = `${param(survey.questions.map((question) => question.key))}::text[]`;
  const lists = await query<{ ids: string | null; names: string | null }>(
    m,
    `select d.school_ids::text as ids, ${schoolNamesListSql('d.school_ids')} as names from (select distinct school_ids from survey_recipients where survey_id = $1) d`,
    [id],
  );
  const schools = param(JSON.stringify(Object.fromEntries(lists.filter((list) => list.ids !== null).map((list) => [list.ids, csvGuard(list.names)]))));
  const answer = `coalesce(a.option_key, a.value::text)`;
  // The joins' hashes and the sort (a few tens of MB at 300,000 lines) in memory; no JIT.
  await useHeavyReadSettings(m);
  // Postgres guards the cells (the kind, answer, text or comment as the table checks, and the time
  // never need it) and COPY quotes them; every part of the statement may run in parallel workers.
  const stream = streamCsv(
    m,
    `select ${csvCellSql('r.phone')}, ${csvCellSql('a.question_key')}, ${csvCellSql('coalesce(msg.language, r.language)')},
         nullif(${schools}::jsonb ->> r.school_ids::text, ''), ${csvCellSql(`array_to_string(r.grades, '; ')`)}, a.kind,
         case when a.kind = 'answer' then coalesce(nullif(${labels}::jsonb -> a.question_key ->> ${answer}, ''), ${csvCellSql(answer)}) end,
         ${csvCellSql('msg.body')}, ${csvCellSql('msg.translated_body')}, to_char(a.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
       from survey_latest_answers a join survey_recipients r on r.id = a.recipient_id join (${messageTextsSql()}) msg on msg.id = a.message_id
       where a.survey_id = $1 and ${visible}
       order by r.phone collate "C", coalesce(array_position(${order}, a.question_key), cardinality(${order}) + 1), a.question_key collate "C"`,
    params,
    `\uFEFF${SURVEY_CSV_COLUMNS.join(',')}\r\n`,
  );
  await stream.ready;
  return stream;
}

function isPrematureClose(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ERR_STREAM_PREMATURE_CLOSE';
}
