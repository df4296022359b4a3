/**
 * What a district export holds: one CSV per table, its columns (the header, in this order) and
 * the statement that reads them. Row-level security keeps every statement to the export's
 * district. This is the one place outside their owners that names these tables, and it only reads.
 */
export interface ExportTable {
  /** Key in the export's `counts`. */
  key: ExportCountKey;
  file: string;
  columns: readonly string[];
  /** Selects exactly `columns`, by those names. */
  sql: string;
}

export const EXPORT_COUNT_KEYS = [
  'schools',
  'students',
  'contacts',
  'contactStudents',
  'phones',
  'consentEvents',
  'notices',
  'noticeTranslations',
  'messages',
  'conversations',
] as const;
export type ExportCountKey = (typeof EXPORT_COUNT_KEYS)[number];
export type ExportCounts = Partial<Record<ExportCountKey, number>>;

const plain = (names: string) => names.split(/\s+/).filter(Boolean);

/**
 * Large tables (messages, consent events) come in storage order, which needs no sort over
 * millions of rows; the others by id.
 */
const DEFINITIONS: { key: ExportCountKey; file: string; select: string[]; from: string }[] = [
  {
    key: 'schools',
    file: 'schools.csv',
    select: ['id', 'kind', 'name', 'source_id as sourced_id', 'created_at', 'updated_at'],
    from: 'schools order by id',
  },
  {
    key: 'students',
    file: 'students.csv',
    select: ['id', 'school_id', 'given_name', 'family_name', 'grade', 'source_id as sourced_id', 'created_at', 'updated_at'],
    from: 'students order by id',
  },
  {
    key: 'contacts',
    file: 'contacts.csv',
    select: [
      ...plain('id given_name family_name role phone phone_source email language language_source consent time_zone'),
      'source_id as sourced_id',
      ...plain('erased_at created_at updated_at'),
    ],
    from: 'contacts order by id',
  },
  { key: 'contactStudents', file: 'contact_students.csv', select: plain('contact_id student_id'), from: 'contact_students order by contact_id, student_id' },
  { key: 'phones', file: 'phones.csv', select: plain('phone opted_out_at invalid_reason updated_at'), from: 'phones order by phone' },
  { key: 'consentEvents', file: 'consent_events.csv', select: plain('id phone action source message_id created_at'), from: 'consent_events' },
  {
    key: 'notices',
    file: 'notices.csv',
    select: [
      ...plain('id author_user_id title body source_language urgency'),
      'audience::text as audience',
      ...plain('status status_reason template_key scheduled_at send_requested_at created_at updated_at'),
    ],
    from: 'notices order by created_at, id',
  },
  {
    key: 'noticeTranslations',
    file: 'notice_translations.csv',
    select: plain('notice_id language body origin status provider updated_at'),
    from: 'notice_translations order by notice_id, language',
  },
  {
    key: 'messages',
    file: 'messages.csv',
    select: [
      ...plain('id notice_id direction kind phone'),
      "array_to_string(contact_ids, ' ') as contact_ids",
      ...plain(
        'language body translated_body translated_language body_erased_at body_erased_by status error_code provider_sid author_user_id reply_to_id send_after created_at updated_at',
      ),
    ],
    from: 'messages',
  },
  {
    key: 'conversations',
    file: 'conversations.csv',
    select: plain('id phone contact_id school_id assigned_user_id unread_count suggested_language last_message_at created_at'),
    from: 'conversations order by id',
  },
];

export const EXPORT_TABLES: readonly ExportTable[] = DEFINITIONS.map(({ key, file, select, from }) => ({
  key,
  file,
  columns: select.map((c) => c.split(' as ').pop() as string),
  sql: `select ${select.join(', ')} from ${from}`,
}));

/** The README.txt at the top of every export. */
export function exportReadme(districtName: string, exportedAt: Date): string {
  return [
    `Porchlight export of ${districtName}, taken at ${exportedAt.toISOString()} (one consistent snapshot).`,
    '',
    'Files: CSV (RFC 4180), UTF-8 with a byte-order mark, CRLF line ends, a header row; times in ISO 8601 UTC;',
    'lists (contact_ids) separated by spaces; audiences as JSON. Each file is one table:',
    ...EXPORT_TABLES.map((t) => `  ${t.file.padEnd(24)} ${t.columns.join(', ')}`),
    '',
    'messages.csv holds every text in both directions, as stored: body is what the phone received or sent,',
    'translated_body the staff side (a reply translated for staff, or a staff answer as written). A message',
    'whose text was removed (body_erased_by: retention or erasure, at body_erased_at) has empty texts and keeps',
    'its status, language and times. Messages belong to a phone: contact_ids lists every family member on file',
    'for that phone when the message was written, so a shared phone shows once, naming all of them.',
    '',
    'Cells are exactly as stored and are not neutralised for spreadsheets: a family text that begins with',
    '=, +, - or @ may be read as a formula. Open the files with an import that treats every column as text.',
    '',
  ].join('\r\n');
}
