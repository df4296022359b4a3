/**
 * The shape of the monorepo, checked by dependency-cruiser through `npm run lint` (which holds
 * today's exceptions in lint-ratchet.json). Layers, from the top: apps → domain libs →
 * infrastructure libs → contracts; docs/architecture.md says which lib is which.
 */
const CONTRACTS = ['contracts'];
const INFRASTRUCTURE = ['config', 'database', 'tenancy', 'queue', 'observability', 'outbound', 'sms'];
/** Domain libs from the bottom up: each may import the ones before it, never one after it. */
const DOMAIN_ORDER = ['identity', 'contacts', 'translation', 'messaging', 'engagement', 'records'];
/** Domain libs not yet placed in the order above: they may import no other domain lib. */
const DOMAIN_UNRANKED = [];
const DOMAIN = [...DOMAIN_ORDER, ...DOMAIN_UNRANKED];

const lib = (names) => `^libs/(${names.join('|')})/`;
const TEST_CODE = '(\\.(spec|int-spec|e2e-spec|chaos-spec)\\.ts$|/testing/)';

const domainOrder = DOMAIN_ORDER.slice(0, -1).map((name, i) => ({
  name: 'domain-order',
  comment: `${name} sits below ${DOMAIN_ORDER.slice(i + 1).join(', ')} and must not import them (docs/architecture.md)`,
  severity: 'error',
  from: { path: lib([name]) },
  to: { path: lib(DOMAIN_ORDER.slice(i + 1)) },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-app-to-app',
      comment: 'An app never imports another app: what two apps share belongs in a lib.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'no-lib-to-app',
      comment: 'Libs never import apps.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'contracts-import-nothing',
      comment: 'libs/contracts is the bottom layer: it imports no other lib, and no Nest.',
      severity: 'error',
      from: { path: lib(CONTRACTS) },
      to: { path: ['^libs/', '^apps/', '@nestjs'], pathNot: lib(CONTRACTS) },
    },
    {
      name: 'infrastructure-not-to-domain',
      comment: 'Infrastructure libs serve the domain libs and never import them.',
      severity: 'error',
      from: { path: lib(INFRASTRUCTURE) },
      to: { path: lib(DOMAIN) },
    },
    ...domainOrder,
    {
      name: 'domain-unranked',
      comment: `${DOMAIN_UNRANKED.join(', ')} imports no other domain lib until it is placed in DOMAIN_ORDER`,
      severity: 'error',
      from: { path: lib(DOMAIN_UNRANKED) },
      to: { path: lib(DOMAIN), pathNot: '^libs/$1/' },
    },
    {
      name: 'no-testing-in-product',
      comment: 'libs/testing is test support: product code never imports it.',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: ['^libs/testing/', TEST_CODE] },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'migrations-self-contained',
      comment: 'A migration carries its own frozen data and imports nothing from libs/ or apps/.',
      severity: 'error',
      from: { path: '^libs/database/src/migrations/' },
      to: { path: ['^libs/', '^apps/'], pathNot: '^libs/database/src/migrations/' },
    },
    {
      name: 'no-deep-import',
      comment: 'Outside a lib, import it as @porchlight/<lib> (its src/index.ts), never a file past it.',
      severity: 'error',
      from: { path: '^(libs/[^/]+/|apps/|tools/|tests/|infra/)' },
      to: { path: '^libs/[^/]+/src/', pathNot: ['^$1', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'no-circular',
      comment: 'A cycle means a module wants splitting.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|coverage)/|^apps/[^/]+/(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.json'] },
    cache: { folder: 'node_modules/.cache/dependency-cruiser', strategy: 'content' },
  },
};
