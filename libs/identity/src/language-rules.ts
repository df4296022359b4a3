import { Role } from '@porchlight/contracts';
import { queryOne } from '@porchlight/database';
import { EntityManager } from 'typeorm';
import { TenantTranslationSettings } from './data/tenant.entity';

/** What translating for a district needs of its row. */
export interface TenantLanguageRules {
  name: string;
  timezone: string;
  defaultLanguage: string;
  translation: TenantTranslationSettings;
  /** The engine's API key, sealed by SecretBox; null when the district gave none. */
  translationSecretSealed: string | null;
}

interface TenantLanguageRow {
  name: string;
  timezone: string;
  default_language: string;
  translation: TenantTranslationSettings;
  translation_secret_enc: string | null;
}

/** The district's language and translation rules (undefined when the tenant is not visible). */
export async function tenantLanguageRules(m: EntityManager, tenantId: string): Promise<TenantLanguageRules | undefined> {
  const row = await queryOne<TenantLanguageRow>(m, `select name, timezone, default_language, translation, translation_secret_enc from tenants where id = $1`, [
    tenantId,
  ]);
  return (
    row && {
      name: row.name,
      timezone: row.timezone,
      defaultLanguage: row.default_language,
      translation: row.translation,
      translationSecretSealed: row.translation_secret_enc,
    }
  );
}

/** A staff member's role and schools, for the families they reach (undefined for an unknown user). */
export async function staffReach(m: EntityManager, userId: string): Promise<{ role: Role; schoolIds: string[] } | undefined> {
  const row = await queryOne<{ role: Role; school_ids: string[] }>(m, `select role, school_ids from users where id = $1`, [userId]);
  return row && { role: row.role, schoolIds: row.school_ids };
}

/**
 * The language a staff member reads: their own, or the district's default language when nobody
 * (or an unknown user) is named, as for a school's shared inbox.
 */
export async function staffReadingLanguage(m: EntityManager, tenantId: string, userId: string | null): Promise<string | undefined> {
  const row = await queryOne<{ language: string }>(
    m,
    `select coalesce(u.language, t.default_language) as language from tenants t left join users u on u.id = $2::uuid where t.id = $1`,
    [tenantId, userId],
  );
  return row?.language;
}
