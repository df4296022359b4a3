import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import en from './en.json';
import es from './es.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const resources = { en: flatten(en as Tree), es: flatten(es as Tree) };
const base = (key: string) => key.replace(PLURAL, '');
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

/** Every key the code asks for, as `t('a.b')` or a template `t(\`a.${x}\`)` (kept as its static prefix). */
function usedKeys(): { exact: Set<string>; prefixes: Set<string> } {
  const exact = new Set<string>();
  const prefixes = new Set<string>();
  for (const file of sources(join(__dirname, '..'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) exact.add(m[1]);
    for (const m of text.matchAll(/\bt\(\s*`([a-zA-Z0-9_.]+)\.\$\{/g)) prefixes.add(`${m[1]}.`);
  }
  return { exact, prefixes };
}

describe('portal interface texts', () => {
  it('has the same keys in English and Spanish', () => {
    const inEn = new Set([...resources.en.keys()].map(base));
    const inEs = new Set([...resources.es.keys()].map(base));
    expect([...inEn].filter((k) => !inEs.has(k))).toEqual([]);
    expect([...inEs].filter((k) => !inEn.has(k))).toEqual([]);
  });

  it('finds every key the code uses in both languages', () => {
    const { exact, prefixes } = usedKeys();
    expect(exact.size).toBeGreaterThan(100);
    for (const [language, texts] of Object.entries(resources)) {
      const known = new Set([...texts.keys()].map(base));
      expect({ language, missing: [...exact].filter((k) => !known.has(k)) }).toEqual({ language, missing: [] });
      expect({ language, missing: [...prefixes].filter((p) => ![...known].some((k) => k.startsWith(p))) }).toEqual({ language, missing: [] });
    }
  });

  it('keeps the same placeholders in each translation, and no text empty', () => {
    for (const [key, text] of resources.en) {
      expect(text.trim()).not.toBe('');
      const spanish = resources.es.get(key) ?? resources.es.get(`${base(key)}_other`);
      expect({ key, placeholders: placeholders(spanish ?? '') }).toEqual({ key, placeholders: placeholders(text) });
    }
  });
});
