import { cruiseFindings, eslintFindings, prettierFindings } from './findings';
import { compare, tally, tighten } from './ratchet';

describe('lint ratchet', () => {
  const allowed = {
    'no-explicit-any': { 'libs/a.ts': 3, 'libs/b.ts': 1 },
    'prettier/format': { 'libs/a.ts': 1 },
  };

  it('passes when every count is at or below what the ratchet allows', () => {
    const found = tally([
      { rule: 'no-explicit-any', file: 'libs/a.ts' },
      { rule: 'no-explicit-any', file: 'libs/a.ts' },
      { rule: 'no-explicit-any', file: 'libs/b.ts' },
      { rule: 'prettier/format', file: 'libs/a.ts' },
    ]);
    expect(compare(allowed, found)).toEqual({
      over: [],
      under: [{ rule: 'no-explicit-any', file: 'libs/a.ts', allowed: 3, found: 2 }],
    });
  });

  it('fails on a count that rose, a file the ratchet does not list and a rule it does not know', () => {
    const found = {
      'no-explicit-any': { 'libs/a.ts': 4, 'libs/b.ts': 1, 'libs/new.ts': 1 },
      'prettier/format': { 'libs/a.ts': 1 },
      'dependencies/no-circular': { 'libs/c.ts': 1 },
    };
    expect(compare(allowed, found).over).toEqual([
      { rule: 'dependencies/no-circular', file: 'libs/c.ts', allowed: 0, found: 1 },
      { rule: 'no-explicit-any', file: 'libs/a.ts', allowed: 3, found: 4 },
      { rule: 'no-explicit-any', file: 'libs/new.ts', allowed: 0, found: 1 },
    ]);
  });

  it('counts a file that was fixed or deleted as below the ratchet, never as a failure', () => {
    const { over, under } = compare(allowed, { 'no-explicit-any': { 'libs/a.ts': 3 } });
    expect(over).toEqual([]);
    expect(under.map(({ rule, file }) => `${rule} ${file}`)).toEqual(['no-explicit-any libs/b.ts', 'prettier/format libs/a.ts']);
  });

  it('tightens only downwards: falls are written, rises and new entries are not', () => {
    const found = {
      'no-explicit-any': { 'libs/a.ts': 1, 'libs/b.ts': 5, 'libs/new.ts': 2 },
      'no-unsafe-call': { 'libs/a.ts': 1 },
    };
    expect(tighten(allowed, found)).toEqual({ 'no-explicit-any': { 'libs/a.ts': 1, 'libs/b.ts': 1 } });
  });

  it('writes rules and files in a stable order without empty entries', () => {
    const counts = tally([
      { rule: 'z-rule', file: 'b.ts' },
      { rule: 'a-rule', file: 'z.ts' },
      { rule: 'a-rule', file: 'a.ts' },
    ]);
    expect(JSON.stringify(counts)).toBe('{"a-rule":{"a.ts":1,"z.ts":1},"z-rule":{"b.ts":1}}');
    expect(tighten({ 'a-rule': { 'a.ts': 2 } }, {})).toEqual({});
  });
});

describe('lint findings', () => {
  it('reads ESLint, Prettier and dependency-cruiser reports as (rule, file) pairs relative to the repository', () => {
    expect(
      eslintFindings('/repo', [
        {
          filePath: '/repo/libs/a.ts',
          messages: [
            { ruleId: 'no-explicit-any', message: '' },
            { ruleId: null, message: 'unused directive' },
          ],
        },
        { filePath: '/repo/libs/b.ts', messages: [{ ruleId: null, fatal: true, message: 'Parsing error' }] },
      ]),
    ).toEqual([
      { rule: 'no-explicit-any', file: 'libs/a.ts' },
      { rule: 'eslint/unused-disable-directive', file: 'libs/a.ts' },
      { rule: 'eslint/parse-error', file: 'libs/b.ts' },
    ]);
    expect(prettierFindings('libs/a.ts\nlibs/b.ts\n')).toEqual([
      { rule: 'prettier/format', file: 'libs/a.ts' },
      { rule: 'prettier/format', file: 'libs/b.ts' },
    ]);
    expect(cruiseFindings({ summary: { violations: [{ from: 'apps/api/src/x.ts', to: 'apps/delivery/src/y.ts', rule: { name: 'no-app-to-app' } }] } })).toEqual(
      [{ rule: 'dependencies/no-app-to-app', file: 'apps/api/src/x.ts' }],
    );
  });
});
