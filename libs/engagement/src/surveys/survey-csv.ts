import { Injectable } from '@nestjs/common';
import { StaffPrincipal } from '@porchlight/contracts';
import { FamilyScope, schoolNamesListSql } from '@porchlight/contacts';
import { query, TenantDb } from '@porchlight/database';
import { messageTextsSql } from '@porchlight/messaging';
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

interface CsvRow {
  phone: string;
  question_key: string;
  language: string | null;
  /** The recipient's school ids as a Postgres array literal. */
  school_ids: string;
  grade: string;
  kind: string;
  answer: string | null;
  original: string | null;
  translation: string | null;
  created_at: Date;
}

export const SURVEY_CSV_COLUMNS = ['phone', 'question', 'language', 'school', 'grade', 'kind', 'answer', 'original', 'translation', 'answeredAt'];

/**
 * Every response as CSV: one row per phone and question (its latest counted answer before the
 * survey closed), with the family's language, schools and grades, the answer as the option's
 * label (yes/no, the value of a scale), the text as the family wrote it and its translation for
 * staff. UTF-8 with a byte-order mark, CRLF line ends.
 */
@Injectable()
export class SurveyCsvUseCase {
  constructor(private readonly db: TenantDb) {}

  csv(actor: StaffPrincipal, id: string): Promise<string> {
    return this.db.tx(async (m) => {
      const survey = await openSurvey(m, actor, id);
      const params: unknown[] = [id];
      const found = await query<CsvRow>(
        m,
        `select r.phone, a.question_key, coalesce(msg.language, r.language) as language,
           r.school_ids::text as school_ids,
           array_to_string(r.grades, '; ') as grade, a.kind, coalesce(a.option_key, a.value::text) as answer,
           msg.body as original, msg.translated_body as translation, a.created_at
         from survey_latest_answers a join survey_recipients r on r.id = a.recipient_id join (${messageTextsSql()}) msg on msg.id = a.message_id
         where a.survey_id = $1 and ${visibleRecipientSql(FamilyScope.of(actor).phoneSql('r.phone', params))}`,
        params,
      );
      // The schools' names once per distinct list of schools (a few), not once per row.
      const lists = [...new Set(found.map((row) => row.school_ids))];
      const named = await query<{ ids: string; school: string | null }>(
        m,
        `select ids, ${schoolNamesListSql('ids::uuid[]')} as school from unnest($1::text[]) as ids`,
        [lists],
      );
      const schools = new Map(named.map((row) => [row.ids, row.school]));
      const labels = new Map<string, string>();
      for (const question of survey.questions) for (const option of question.options ?? []) labels.set(`${question.key}\u0000${option.key}`, option.label);
      const order = new Map(survey.questions.map((q, i) => [q.key, i]));
      const position = (row: CsvRow) => order.get(row.question_key) ?? order.size;
      // By phone, then in the survey's order of questions: the phones sorted once each, a phone's few rows among themselves.
      const byPhone = new Map<string, CsvRow[]>();
      for (const row of found) {
        const rows = byPhone.get(row.phone);
        if (rows) rows.push(row);
        else byPhone.set(row.phone, [row]);
      }
      const byQuestion = (a: CsvRow, b: CsvRow) =>
        position(a) - position(b) || (a.question_key < b.question_key ? -1 : a.question_key > b.question_key ? 1 : 0);
      const sorted = [...byPhone.keys()].sort().flatMap((phone) => (byPhone.get(phone) ?? []).sort(byQuestion));
      const lines = [SURVEY_CSV_COLUMNS.join(',')];
      for (const row of sorted) {
        const answer = row.kind === 'answer' ? (labels.get(`${row.question_key}\u0000${row.answer ?? ''}`) ?? row.answer) : '';
        lines.push(
          [
            row.phone,
            row.question_key,
            row.language,
            schools.get(row.school_ids),
            row.grade,
            row.kind,
            answer,
            row.original,
            row.translation,
            row.created_at.toISOString(),
          ]
            .map(csvCell)
            .join(','),
        );
      }
      return `\uFEFF${lines.join('\r\n')}\r\n`;
    });
  }
}
