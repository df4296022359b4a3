import { allowedEdits, characterMask, editDistance, maskDistance } from './edit-distance';
import { Unit, unitize } from './units';

/** The shortest word whose longer forms ("galab" → "galabta") are matched. */
const MIN_STEM = 5;

/**
 * How an entry may be matched besides exactly: with typos when it is at least `typos` characters
 * long (labels from 5, answer words from 6: "nieve" is snow, not a misspelt "nueve"), and with
 * an ending added when `endings` is set. Fillers are matched exactly only.
 */
export interface Looseness {
  typos?: number;
  endings?: boolean;
}

/** What a word, a phrase or a piece of a reply says. */
export type Meaning =
  | { role: 'number'; value: number }
  | { role: 'ordinal'; position: number }
  | { role: 'last' }
  | { role: 'letter'; position: number }
  | { role: 'option'; key: string; by: 'label' | 'key'; partial: boolean }
  | { role: 'yes' | 'no' | 'unsure' | 'several' | 'negator' | 'filler' | 'outOf' | 'unit' | 'star' };

export interface Entry {
  meaning: Meaning;
  /** The languages that spell it so (none for labels' keys). */
  languages: string[];
  /** Counts only as the whole reply, or as its first word before punctuation. */
  weak: boolean;
  /** Its units' keys, joined: how it is looked up. */
  joined: string;
  units: number;
  /** Long enough to be matched with typos. */
  fuzzy: boolean;
  /** Its characters, for a quick test before the edit distance. */
  mask: number;
}

/** A stretch of the reply, units `start` to `end` (exclusive), and what it may mean. */
export interface Candidate {
  start: number;
  end: number;
  meaning: Meaning;
  languages: readonly string[];
  weak: boolean;
  /** 1 for an exact match, less for a misspelling: 1 − edits ÷ length. */
  similarity: number;
  /** Characters matched: longer readings win over the words inside them. */
  chars: number;
  source: 'lexicon' | 'label' | 'reply';
}

function meaningKey(meaning: Meaning): string {
  return JSON.stringify(meaning);
}

/**
 * Entries by their joined key; those that may be misspelt also by length and first letter, and by
 * length and second letter (a typo seldom hits both: see {@link sameStart}).
 */
export class EntryIndex {
  private readonly exact = new Map<string, Entry[]>();
  private readonly loose = new Map<string, Entry[]>();
  private longest = 1;

  /** Adds a phrase; the same phrase with the same meaning in another language merges into one entry. */
  add(phrase: string | readonly Unit[], meaning: Meaning, language: string | undefined, weak: boolean, loose: Looseness = {}): Entry | undefined {
    const units = typeof phrase === 'string' ? unitize(phrase) : phrase;
    if (units.length === 0) return undefined;
    const joined = units.map((unit) => unit.key).join('');
    const key = meaningKey(meaning);
    const existing = this.exact.get(joined)?.find((entry) => meaningKey(entry.meaning) === key);
    if (existing) {
      if (language && !existing.languages.includes(language)) existing.languages.push(language);
      existing.weak = existing.weak && weak;
      return existing;
    }
    const allWords = units.every((unit) => unit.type === 'word' || unit.type === 'number');
    const typos = loose.typos !== undefined && joined.length >= loose.typos && allowedEdits(joined.length) > 0;
    const entry: Entry = {
      meaning,
      languages: language ? [language] : [],
      weak,
      joined,
      units: units.length,
      fuzzy: typos && allWords && units.some((unit) => unit.type === 'word'),
      mask: characterMask(joined),
    };
    this.exact.set(joined, [...(this.exact.get(joined) ?? []), entry]);
    if (entry.fuzzy || (loose.endings && units.length === 1 && units[0].type === 'word' && joined.length >= MIN_STEM)) {
      const size = String(joined.length);
      for (const key of [`${size}|0${joined[0]}`, `${size}|1${joined[1]}`]) {
        this.loose.set(key, [...(this.loose.get(key) ?? []), entry]);
      }
    }
    this.longest = Math.max(this.longest, units.length);
    return entry;
  }

  get maxUnits(): number {
    return this.longest;
  }

  entries(): IterableIterator<Entry[]> {
    return this.exact.values();
  }

  lookup(joined: string): readonly Entry[] {
    return this.exact.get(joined) ?? [];
  }

  /**
   * Entries within their allowed edits of `joined`, with the distance; for one word, also the
   * one-word entries it extends by up to three letters, an ending the reader does not know
   * ("galab" → "galabta", "вечер" → "вечером", "dalawa" → "dalawang"), each letter an edit.
   */
  near(joined: string, width: number): Array<{ entry: Entry; distance: number }> {
    const found: Array<{ entry: Entry; distance: number }> = [];
    const mask = characterMask(joined);
    for (let length = joined.length - 3; length <= joined.length + 3; length += 1) {
      const size = String(length);
      const near = new Set([
        ...(this.loose.get(`${size}|0${joined[0]}`) ?? []),
        ...(this.loose.get(`${size}|1${joined[1]}`) ?? []),
        ...(this.loose.get(`${size}|0${joined[1]}`) ?? []),
      ]);
      for (const entry of near) {
        if (Math.abs(entry.units - width) > 1 || !sameStart(joined, entry.joined)) continue;
        const extra = joined.length - length;
        if (width === 1 && entry.units === 1 && extra > 0 && joined.startsWith(entry.joined)) {
          found.push({ entry, distance: extra });
          continue;
        }
        const limit = entry.fuzzy ? allowedEdits(entry.joined.length) : 0;
        if (Math.abs(extra) > limit || maskDistance(mask, entry.mask) > limit) continue;
        const distance = editDistance(joined, entry.joined, limit);
        if (distance > 0 && distance <= limit) found.push({ entry, distance });
      }
    }
    return found;
  }
}

/**
 * Every reading of every stretch of the reply the indexes know: exact matches of windows of up
 * to `maxUnits` units (spacing aside: "apremidi" is "après-midi"), misspellings of windows of
 * words (unless the window is itself a known word: "there" is not a misspelt "three"), and what
 * single units say by themselves (a digit, an emoji, a slash, a lone letter).
 */
export function findCandidates(units: readonly Unit[], indexes: readonly EntryIndex[], known: ReadonlySet<string>): Candidate[] {
  const candidates: Candidate[] = [];
  const maxUnits = Math.max(...indexes.map((index) => index.maxUnits)) + 1;
  for (let start = 0; start < units.length; start += 1) {
    candidates.push(...unitCandidates(units[start], start));
    let joined = '';
    for (let end = start + 1; end <= Math.min(units.length, start + maxUnits); end += 1) {
      const unit = units[end - 1];
      if (unit.type === 'emoji' || unit.type === 'slash') break;
      joined += unit.key;
      const width = end - start;
      let hit = false;
      for (const index of indexes) {
        for (const entry of index.lookup(joined)) {
          if (Math.abs(entry.units - width) > 1) continue;
          if (units[start].midWord && entry.meaning.role !== 'filler' && entry.meaning.role !== 'option') continue;
          hit = true;
          candidates.push(candidate(entry, start, end, 1, joined.length));
        }
      }
      if (hit || !mayBeMisspelt(units.slice(start, end), joined) || known.has(joined)) continue;
      for (const index of indexes) {
        for (const { entry, distance } of index.near(joined, width)) {
          candidates.push(candidate(entry, start, end, 1 - distance / Math.max(entry.joined.length, joined.length), joined.length));
        }
      }
    }
  }
  return candidates;
}

/** Typos seldom hit both first letters: "vegeterian", "juebes", "evenin" keep one of them. */
function sameStart(a: string, b: string): boolean {
  return a[0] === b[0] || a[1] === b[1] || (a[0] === b[1] && a[1] === b[0]);
}

/**
 * A window of words that may be a misspelling: one word, or up to three words of three letters or
 * more each, in one sentence, eight letters in all ("plat vegetarien"). Short words are left out
 * because phrases that differ by one ("si gracias", "no gracias") mean opposite things.
 */
function mayBeMisspelt(window: readonly Unit[], joined: string): boolean {
  if (!window.every((unit) => unit.type === 'word')) return false;
  if (window.length === 1) return true;
  if (window.length > 3 || joined.length < 8) return false;
  return window.every((unit, i) => unit.key.length >= 3 && (i === window.length - 1 || !unit.breakAfter));
}

function candidate(entry: Entry, start: number, end: number, similarity: number, chars: number): Candidate {
  const source = entry.meaning.role === 'option' ? 'label' : 'lexicon';
  return { start, end, meaning: entry.meaning, languages: entry.languages, weak: entry.weak, similarity, chars, source };
}

function unitCandidates(unit: Unit, start: number): Candidate[] {
  const at = (meaning: Meaning, weak = false): Candidate => ({
    start,
    end: start + 1,
    meaning,
    languages: [],
    weak,
    similarity: 1,
    chars: unit.key.length,
    source: 'reply',
  });
  if (unit.type === 'number' && unit.value !== undefined) {
    return [at(unit.ordinal ? { role: 'ordinal', position: unit.value } : { role: 'number', value: unit.value })];
  }
  if (unit.type === 'emoji') {
    const emoji = unit.emoji ?? 'other';
    return emoji === 'other' ? [at({ role: 'filler' })] : [at({ role: emoji })];
  }
  if (unit.type === 'slash') return [at({ role: 'outOf' })];
  if (unit.type === 'word' && /^[a-j]$/.test(unit.key)) {
    return [at({ role: 'letter', position: unit.key.charCodeAt(0) - 96 }, true)];
  }
  return [];
}
