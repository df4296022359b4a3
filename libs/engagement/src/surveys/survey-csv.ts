import { Injectable } from '@nestjs/common';
import { StaffPrincipal } from '@porchlight/contracts';
import { FamilyScope } from '@porchlight/contacts';
import { TenantDb } from '@porchlight/database';
import { openSurvey } from './survey-access';
import { latestAnswersSql } from './survey-results';

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
      const params: unknown[] = [id, survey.closes_at];
      const found: Record<string, string | null>[] = await m.query(
        `with ${latestAnswersSql(FamilyScope.of(actor).phoneSql('r.phone', params))}
         select a.phone, a.question_key, coalesce(msg.language, r.language) as language,
           (select string_agg(s.name, '; ' order by s.name) from schools s where s.id = any(r.school_ids)) as school,
           array_to_string(r.grades, '; ') as grade, a.kind, coalesce(a.option_key, a.value::text) as answer,
           msg.body as original, msg.translated_body as translation, a.created_at
         from answers a join r on r.phone = a.phone join messages msg on msg.id = a.message_id
         order by a.phone, a.question_key`,
        params,
      );
      const labels = new Map<string, string>();
      for (const question of survey.questions) for (const option of question.options ?? []) labels.set(`${question.key}\u0000${option.key}`, option.label);
      const order = new Map(survey.questions.map((q, i) => [q.key, i]));
      found.sort((a, b) => (a.phone! < b.phone! ? -1 : a.phone! > b.phone! ? 1 : order.get(a.question_key!)! - order.get(b.question_key!)!));
      const lines = [SURVEY_CSV_COLUMNS.join(',')];
      for (const row of found) {
        const answer = row.kind === 'answer' ? (labels.get(`${row.question_key}\u0000${row.answer}`) ?? row.answer) : '';
        lines.push(
          [
            row.phone,
            row.question_key,
            row.language,
            row.school,
            row.grade,
            row.kind,
            answer,
            row.original,
            row.translation,
            new Date(row.created_at!).toISOString(),
          ]
            .map(csvCell)
            .join(','),
        );
      }
      return `\uFEFF${lines.join('\r\n')}\r\n`;
    });
  }
}
