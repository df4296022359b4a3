/** Why a message's text is no longer held. */
export type TextRemovalReason = 'retention' | 'erasure';

export interface RemovedText {
  reason: TextRemovalReason;
  at: string;
  /** What a screen shows in place of the text. */
  note: string;
}

/** The text of a message as the API shows it: the body and its translation, or why they are gone. */
export interface MessageText {
  /** null once the text was removed (see `bodyRemoved`). */
  body: string | null;
  translatedBody?: string;
  translatedLanguage?: string;
  bodyRemoved?: RemovedText;
}

const NOTES: Record<TextRemovalReason, string> = {
  retention: 'removed under the retention policy',
  erasure: "removed when the family's data was erased",
};

interface MessageTextRow {
  body: string;
  translated_body: string | null;
  translated_language: string | null;
  body_erased_at?: Date | string | null;
  body_erased_by?: TextRemovalReason | null;
}

export function messageText(row: MessageTextRow): MessageText {
  if (row.body_erased_at) {
    const reason = row.body_erased_by ?? 'retention';
    return {
      body: null,
      ...(row.translated_language !== null ? { translatedLanguage: row.translated_language } : {}),
      bodyRemoved: { reason, at: new Date(row.body_erased_at).toISOString(), note: NOTES[reason] },
    };
  }
  return {
    body: row.body,
    ...(row.translated_body !== null ? { translatedBody: row.translated_body, translatedLanguage: row.translated_language ?? undefined } : {}),
  };
}
