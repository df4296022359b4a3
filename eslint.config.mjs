// ESLint (flat config): typescript-eslint's strict rules on every TypeScript file, and its strict
// type-checked rules on product code (apps/*/src and libs/*/src, specs and libs/testing aside),
// where they earn the time the type information costs. `npm run lint` runs it through the ratchet
// (tools/lint/lint.ts, docs/architecture.md#checks).
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

const product = ['apps/*/src/**/*.ts', 'libs/*/src/**/*.ts'];
const testCode = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/*.chaos-spec.ts', 'libs/testing/**', '**/testing/**'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'apps/portal/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  {
    files: ['**/*.ts'],
    extends: [eslint.configs.recommended, ...tseslint.configs.strict],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    // A Nest module is a decorated class with only static members (`@Module({}) class X { static
    // forRoot() }`): the decorator is what makes it a class, not an oversight.
    rules: { '@typescript-eslint/no-extraneous-class': ['error', { allowWithDecorator: true }] },
  },
  {
    files: product,
    ignores: testCode,
    extends: [...tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
  },
);
