import { ResealEnv } from '@porchlight/config';
import { createDataSource, TenantDb } from '@porchlight/database';
import { audit } from './audit';
import { TenantEntity } from './data/tenant.entity';
import { directoryEntries, findTenantSecretsForUpdate, updateTenant } from './data/tenants.repository';
import { SecretBox, SecretBoxError } from './secret-box';

/** Every sealed column of a tenant, and what it holds. */
export const SEALED_COLUMNS = { sms_auth_token_enc: 'SMS auth token', translation_secret_enc: 'translation API key' } as const;
type SealedColumn = keyof typeof SEALED_COLUMNS;

/** The entity property of each sealed column. */
const SEALED_PROPERTY = { sms_auth_token_enc: 'smsAuthTokenEnc', translation_secret_enc: 'translationSecretEnc' } as const satisfies Record<
  SealedColumn,
  keyof TenantEntity
>;

export interface ColumnCounts {
  /** Sealed with SECRETS_KEY_PREVIOUS, now sealed with SECRETS_KEY. */
  resealed: number;
  /** Already sealed with SECRETS_KEY: left as they are. */
  current: number;
  unset: number;
  /** Opened by neither key: left as they are. */
  unreadable: number;
}

export interface ResealReport {
  tenants: number;
  columns: Record<SealedColumn, ColumnCounts>;
  /** Tenants (by slug) with a secret neither key opens. */
  unreadable: string[];
}

/**
 * Seals every tenant's secrets again with the current key: the values sealed with the previous
 * one are opened and sealed anew, the others left alone, so running it twice changes nothing.
 * Runs as the application role, one transaction per tenant under that tenant's row-level
 * security context (`TenantDb.txFor`), the row locked so a settings change made meanwhile is
 * neither lost nor overwritten; the list of tenants comes from the tenant directory. No secret
 * leaves this function: the report holds counts and slugs.
 */
export async function resealSecrets(db: TenantDb, box: SecretBox): Promise<ResealReport> {
  const tenants = await directoryEntries(db.dataSource.manager);
  const columns = Object.keys(SEALED_COLUMNS) as SealedColumn[];
  const report: ResealReport = {
    tenants: tenants.length,
    columns: Object.fromEntries(columns.map((c) => [c, { resealed: 0, current: 0, unset: 0, unreadable: 0 }])) as ResealReport['columns'],
    unreadable: [],
  };
  for (const { tenantId, slug } of tenants) {
    await db.txFor(tenantId, async (m) => {
      const row = await findTenantSecretsForUpdate(m, tenantId);
      if (!row) return;
      const resealed: SealedColumn[] = [];
      for (const column of columns) {
        const counts = report.columns[column];
        const sealed = row[SEALED_PROPERTY[column]];
        if (sealed === null) {
          counts.unset++;
          continue;
        }
        let again: string | null;
        try {
          again = box.reseal(sealed);
        } catch (error) {
          if (!(error instanceof SecretBoxError)) throw error;
          counts.unreadable++;
          if (!report.unreadable.includes(slug)) report.unreadable.push(slug);
          continue;
        }
        if (again === null) {
          counts.current++;
        } else {
          await updateTenant(m, tenantId, { [SEALED_PROPERTY[column]]: again });
          counts.resealed++;
          resealed.push(column);
        }
      }
      if (resealed.length > 0) {
        await audit(m, tenantId, {
          action: 'secrets.resealed',
          subjectType: 'tenant',
          subjectId: tenantId,
          data: { secrets: resealed.map((c) => SEALED_COLUMNS[c]) },
        });
      }
    });
  }
  return report;
}

/** The report as lines for a person: counts only. */
export function describeReseal(report: ResealReport): string[] {
  const lines = [`${String(report.tenants)} tenant${report.tenants === 1 ? '' : 's'}`];
  for (const [column, counts] of Object.entries(report.columns) as Array<[SealedColumn, ColumnCounts]>) {
    lines.push(
      `${SEALED_COLUMNS[column]}s: ${String(counts.resealed)} resealed, ${String(counts.current)} already current, ${String(counts.unset)} unset, ${String(counts.unreadable)} unreadable`,
    );
  }
  if (report.unreadable.length > 0) {
    lines.push(`unreadable with either key, left as they were (is SECRETS_KEY_PREVIOUS the key they were sealed with?): ${report.unreadable.join(', ')}`);
  }
  return lines;
}

/** `npm run secrets:reseal`: the exit code (1 when a secret could not be opened). */
export async function resealCommand(env: ResealEnv, write: (line: string) => void): Promise<number> {
  const dataSource = await createDataSource({ url: env.DATABASE_URL, applicationName: 'porchlight-reseal', poolSize: 1 }).initialize();
  try {
    if (!env.SECRETS_KEY_PREVIOUS) write('SECRETS_KEY_PREVIOUS is not set: checking that SECRETS_KEY opens every secret');
    const report = await resealSecrets(new TenantDb(dataSource), new SecretBox(env.SECRETS_KEY, env.SECRETS_KEY_PREVIOUS));
    for (const line of describeReseal(report)) write(line);
    return report.unreadable.length > 0 ? 1 : 0;
  } finally {
    await dataSource.destroy();
  }
}
