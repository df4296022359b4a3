import { MissingTenantError, TenantContext } from './tenant-context';

describe('TenantContext', () => {
  it('throws when no tenant is set', () => {
    expect(() => TenantContext.tenantId()).toThrow(MissingTenantError);
  });

  it('keeps each scope to its own async chain', async () => {
    const seen = await Promise.all(
      ['a', 'b'].map((tenantId) =>
        TenantContext.run({ tenantId }, async () => {
          await new Promise((resolve) => setTimeout(resolve, tenantId === 'a' ? 10 : 0));
          return TenantContext.tenantId();
        }),
      ),
    );
    expect(seen).toEqual(['a', 'b']);
    expect(TenantContext.optionalTenantId()).toBeUndefined();
  });

  it('inherits the correlation id of the enclosing scope', () => {
    TenantContext.run({ correlationId: 'c-1' }, () => {
      TenantContext.run({ tenantId: 't' }, () => {
        expect(TenantContext.correlationId()).toBe('c-1');
      });
    });
  });
});
