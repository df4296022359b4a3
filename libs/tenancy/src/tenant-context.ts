import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface RequestScope {
  tenantId?: string;
  correlationId: string;
}

export class MissingTenantError extends Error {
  constructor() {
    super('No tenant in context: tenant-owned data can only be reached inside TenantContext.run');
  }
}

const storage = new AsyncLocalStorage<RequestScope>();

/**
 * The tenant and correlation id of the request or job being handled. Entered with `run` (never
 * `enterWith`), so a scope cannot leak into unrelated work.
 */
export const TenantContext = {
  run<T>(scope: Partial<RequestScope>, work: () => T): T {
    const parent = storage.getStore();
    return storage.run({ tenantId: scope.tenantId ?? parent?.tenantId, correlationId: scope.correlationId ?? parent?.correlationId ?? randomUUID() }, work);
  },

  tenantId(): string {
    const tenantId = storage.getStore()?.tenantId;
    if (!tenantId) throw new MissingTenantError();
    return tenantId;
  },

  optionalTenantId(): string | undefined {
    return storage.getStore()?.tenantId;
  },

  correlationId(): string | undefined {
    return storage.getStore()?.correlationId;
  },
};
