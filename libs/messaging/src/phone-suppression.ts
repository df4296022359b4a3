import { AudienceArgs, audienceContactsQuery, AudienceQuery, PhoneOptOuts } from '@porchlight/contacts';
import { query } from '@porchlight/database';
import { EntityManager } from 'typeorm';

/**
 * What messaging knows of a phone (`phones`: opted out, invalid) where other domains' reads need
 * it: on the audience contacts resolve, and on a family member contacts shows.
 */

/**
 * Contacts' audience (`audience_contacts`, `audience_chosen`) with each phone's suppression:
 * `audience_phones(phone, language, contact_ids, time_zone, opted_out, invalid)`. With contacts'
 * `audienceCountsSql`, the preview's counts.
 */
export function audiencePhonesQuery(args: AudienceArgs): AudienceQuery {
  const q = audienceContactsQuery(args);
  const ctes = `${q.ctes},
    audience_phones as (
      select ch.phone, ch.language, ch.contact_ids, ch.time_zone,
        (p.opted_out_at is not null) as opted_out,
        (p.opted_out_at is null and p.invalid_reason is not null) as invalid
      from audience_chosen ch
      left join phones p on p.tenant_id = $1 and p.phone = ch.phone
    )`;
  return { ctes, params: q.params };
}

/** The phones that opted out, for contacts' family members (`ContactsModule.forRoot({ optOuts })`). */
export const phoneOptOuts: PhoneOptOuts = {
  async optedOut(m: EntityManager, phones: readonly string[]): Promise<ReadonlySet<string>> {
    const found = await query<{ phone: string }>(m, `select phone from phones where phone = any($1::text[]) and opted_out_at is not null`, [[...phones]]);
    return new Set(found.map((row) => row.phone));
  },
};
