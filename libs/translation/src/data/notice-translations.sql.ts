/**
 * SQL for the ready translations of notices into one language, rows `(notice_id, body)`:
 * `languageParam` is the placeholder holding the language (`$1`). For a statement that shows
 * notices as families received them.
 */
export function readyNoticeTranslationsSql(languageParam: string): string {
  return `select notice_id, body from notice_translations where language = ${languageParam} and status = 'ready'`;
}
