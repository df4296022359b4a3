import { EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { TenantDirectoryEntity } from './tenant-directory.entity';
import { TenantEntity } from './tenant.entity';

/** The tenant's row, under the transaction's tenant (whose own row it is). */
export function findTenant(m: EntityManager, id: string): Promise<TenantEntity | null> {
  return m.findOneBy(TenantEntity, { id });
}

/** The tenant's sealed secrets, the row locked until the transaction ends (resealing them). */
export function findTenantSecretsForUpdate(
  m: EntityManager,
  id: string,
): Promise<Pick<TenantEntity, 'id' | 'smsAuthTokenEnc' | 'translationSecretEnc'> | null> {
  return m.findOne(TenantEntity, {
    select: { id: true, smsAuthTokenEnc: true, translationSecretEnc: true },
    where: { id },
    lock: { mode: 'pessimistic_write' },
  });
}

export type NewTenant = Omit<
  TenantEntity,
  | 'tenantId'
  | 'quietHoursStart'
  | 'quietHoursEnd'
  | 'helpText'
  | 'helpContact'
  | 'smsMessagesPerSecond'
  | 'translation'
  | 'translationSecretEnc'
  | 'retentionMessageBodyDays'
  | 'createdAt'
  | 'updatedAt'
>;

/** Inserts a district (the directory follows by trigger); the columns left out take their defaults. */
export async function insertTenant(m: EntityManager, tenant: NewTenant): Promise<void> {
  await m.createQueryBuilder().insert().into(TenantEntity).values(tenant).updateEntity(false).execute();
}

export type TenantChanges = QueryDeepPartialEntity<Omit<TenantEntity, 'id' | 'tenantId' | 'createdAt'>>;

export async function updateTenant(m: EntityManager, id: string, changes: TenantChanges): Promise<void> {
  await m.update(TenantEntity, { id }, changes);
}

/**
 * Every tenant in the directory, by slug: read outside any tenant (the directory has no
 * row-level security), so `m` is the DataSource's own manager.
 */
export function directoryEntries(m: EntityManager): Promise<TenantDirectoryEntity[]> {
  return m.find(TenantDirectoryEntity, { order: { slug: 'ASC' } });
}

export function directoryEntryBySlug(m: EntityManager, slug: string): Promise<TenantDirectoryEntity | null> {
  return m.findOneBy(TenantDirectoryEntity, { slug });
}

export function directoryEntriesByAccount(m: EntityManager, accountSid: string): Promise<TenantDirectoryEntity[]> {
  return m.findBy(TenantDirectoryEntity, { smsAccountSid: accountSid });
}
