import { TextRemovalReason } from '../message-text';

/** A thread as the conversation reads show it: the thread and the family member it was opened with, when the reader sees them. */
export interface ThreadRow {
  id: string;
  phone: string;
  assigned_user_id: string | null;
  assigned_manually: boolean;
  school_id: string | null;
  suggested_language: string | null;
  unread_count: number;
  last_message_at: Date;
  shown_contact_id: string | null;
  given_name: string | null;
  family_name: string | null;
  contact_language: string;
}

/** A message of a thread as shown to staff. */
export interface ThreadMessageRow {
  id: string;
  direction: 'outbound' | 'inbound';
  kind: string;
  phone: string;
  language: string | null;
  body: string;
  status: string;
  notice_id: string | null;
  author_user_id: string | null;
  translated_body: string | null;
  translated_language: string | null;
  untranslated_reason: string | null;
  body_erased_at: Date | null;
  body_erased_by: TextRemovalReason | null;
  created_at: Date;
}
