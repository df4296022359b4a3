import { Injectable, Logger } from '@nestjs/common';
import { StaffPrincipal } from '@porchlight/contracts';
import { FamilyScope, schoolNamesListSql } from '@porchlight/contacts';
import { query, TenantDb, useHeavyReadSettings } from '@porchlight/database';
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
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The first characters `csvCell` guards, as code points: = + - @ tab, carriage return. */
const FORMULA_STARTS = [61, 43, 45, 64, 9, 13].join(', ');

/** SQL: the text expression `value` (evaluated a few times: a column or a cheap expression) as `csvCell` writes it. */
export function csvCellSql(value: string): string {
  const text = `coalesce(${value}, '')`;
  const guarded = `case when ascii(${text}) in (${FORMULA_STARTS}) then '''' || ${text} else ${text} end`;
  return `case when ${text} ~ '[",\\r\\n]' then '"' || replace(${guarded}, '"', '""') || '"' else ${guarded} end`;
}

export const SURVEY_CSV_COLUMNS = ['phone', 'question', 'language', 'school', 'grade', 'kind', 'answer', 'original', 'translation', 'answeredAt'];

/** Lines fetched from the cursor at a time: a few hundred kB, few round trips. */
const FETCH_LINES = 5000;

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
 * Postgres writes each line (the cells quoted and guarded as `csvCell` does) and sorts them; the
 * lines are read through a cursor `FETCH_LINES` at a time inside one read-only snapshot and passed
 * on as they come, so memory stays the same whatever the survey's size. The survey is opened (and
 * a 404 thrown) and the first lines read before the stream is handed over: an error there is the
 * caller's to answer; a later one destroys the stream.
 */
@Injectable()
export class SurveyCsvUseCase {
  private readonly logger = new Logger(SurveyCsvUseCase.name);

  constructor(private readonly db: TenantDb) {}

  open(actor: StaffPrincipal, id: string): Promise<SurveyCsvFile> {
    return new Promise<SurveyCsvFile>((resolve, reject) => {
      let handedOver = false;
      this.db
        .snapshot(async (m) => {
          const first = await declareLines(m, actor, id);
          const stream = Readable.from(lines(m, first), { objectMode: false });
          handedOver = true;
          resolve({ fileName: `survey-${id}-responses.csv`, stream });
          // The transaction (and its connection) ends with the stream: read to the end, failed, or cut short.
          await finished(stream);
        })
        .catch((error: unknown) => {
          if (!handedOver) reject(error instanceof Error ? error : new Error(String(error)));
          else if (!isPrematureClose(error))
            this.logger.warn({ msg: 'survey csv stopped', surveyId: id, reason: error instanceof Error ? error.message : String(error) });
        });
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

/** Opens the survey as `actor` may, declares the cursor of its lines and reads the first of them. */
async function declareLines(m: EntityManager, actor: StaffPrincipal, id: string): Promise<string[]> {
  const survey = await openSurvey(m, actor, id);
  const params: unknown[] = [id];
  const visible = visibleRecipientSql(FamilyScope.of(actor).phoneSql('r.phone', params));
  // Options' labels, as cells already, by question and option key; the questions' keys in the survey's order.
  const labels = survey.questions.flatMap((question) => (question.options ?? []).map((option) => [question.key, option.key, csvCell(option.label)]));
  const at = (n: number) => `$${String(params.push(labels.map((label) => label[n])))}`;
  const [labelQuestion, labelOption, labelCell] = [at(0), at(1), at(2)];
  params.push(survey.questions.map((question) => question.key));
  const order = `$${String(params.length)}::text[]`;
  const answer = `coalesce(a.option_key, a.value::text)`;
  // The joins' hashes and the sort (a few tens of MB at 300,000 lines) in memory; no JIT.
  await useHeavyReadSettings(m);
  await query(
    m,
    `declare survey_csv no scroll cursor for
     select concat_ws(',', ${csvCellSql('r.phone')}, ${csvCellSql('a.question_key')}, ${csvCellSql('coalesce(msg.language, r.language)')},
         ${csvCellSql('sn.names')}, ${csvCellSql(`array_to_string(r.grades, '; ')`)}, ${csvCellSql('a.kind')},
         case when a.kind = 'answer' then coalesce(l.cell, ${csvCellSql(answer)}) else '' end,
         ${csvCellSql('msg.body')}, ${csvCellSql('msg.translated_body')},
         to_char(a.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) || E'\\r\\n' as line
       from survey_latest_answers a join survey_recipients r on r.id = a.recipient_id join (${messageTextsSql()}) msg on msg.id = a.message_id
         left join lateral (select ${schoolNamesListSql('r.school_ids')} as names) sn on true
         left join unnest(${labelQuestion}::text[], ${labelOption}::text[], ${labelCell}::text[]) l(question_key, option_key, cell)
           on a.kind = 'answer' and l.question_key = a.question_key and l.option_key = ${answer}
       where a.survey_id = $1 and ${visible}
       order by r.phone collate "C", coalesce(array_position(${order}, a.question_key), cardinality(${order}) + 1), a.question_key collate "C"`,
    params,
  );
  return [`\uFEFF${SURVEY_CSV_COLUMNS.join(',')}\r\n`, ...(await fetchLines(m))];
}

async function fetchLines(m: EntityManager): Promise<string[]> {
  const rows = await query<{ line: string }>(m, `fetch forward ${String(FETCH_LINES)} from survey_csv`);
  return rows.map((row) => row.line);
}

/** The header and first lines, then the rest of the cursor, a batch per chunk. */
async function* lines(m: EntityManager, first: string[]): AsyncGenerator<Buffer> {
  let batch = first;
  while (batch.length > 0) {
    yield Buffer.from(batch.join(''), 'utf8');
    batch = await fetchLines(m);
  }
}

function isPrematureClose(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ERR_STREAM_PREMATURE_CLOSE';
}
