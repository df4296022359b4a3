import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { translationMemory } from '../data/translation-memory.repository';

/** The source as the memory sees it: Unicode NFC, spacing collapsed, ends trimmed. Case and punctuation count. */
export function normaliseSource(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** The memory's key for a source text (with its language and the target language beside it). */
export function sourceHash(text: string): string {
  return createHash('sha256').update(normaliseSource(text)).digest('hex');
}

/**
 * Approved human translations of whole texts, per district: a notice sent again with the same
 * source text reuses what a person wrote or approved for it, before any engine is asked.
 */
export async function recallTranslations(m: EntityManager, source: { language: string; text: string }, languages: string[]): Promise<Map<string, string>> {
  if (languages.length === 0) return new Map();
  const found = await translationMemory.recall(m, { language: source.language, hash: sourceHash(source.text) }, languages);
  return new Map(found.map((r) => [r.language, r.body]));
}

/** A person wrote or approved `body` as the `language` text of `source`: the memory keeps the latest. */
export async function rememberTranslation(
  m: EntityManager,
  tenantId: string,
  entry: { sourceLanguage: string; sourceText: string; language: string; body: string; approvedBy: string | null },
): Promise<void> {
  await translationMemory.remember(m, {
    tenantId,
    sourceLanguage: entry.sourceLanguage,
    language: entry.language,
    sourceHash: sourceHash(entry.sourceText),
    sourceText: normaliseSource(entry.sourceText),
    body: entry.body,
    approvedBy: entry.approvedBy,
  });
}
