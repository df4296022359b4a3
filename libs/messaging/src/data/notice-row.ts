import { Audience, Urgency } from '@porchlight/contracts';

/** A `notices` row as Postgres returns it. */
export interface NoticeRow {
  id: string;
  title: string | null;
  body: string;
  source_language: string;
  audience: Audience;
  urgency: Urgency;
  status: string;
  status_reason: string | null;
  scheduled_at: Date | null;
  poll: { question?: string; options: { key: string; label: string }[] } | null;
  template_key: string | null;
  template_variables: Record<string, string | number> | null;
  smart_encoding: boolean;
  author_user_id: string | null;
  created_at: Date;
  send_requested_at: Date | null;
  fanned_out_at: Date | null;
  quiet_hours_overridden: number;
}
