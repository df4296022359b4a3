import { AnswerOption } from './answer.types';
import { EntryIndex } from './entry-index';
import { LexiconIndex } from './lexicon-index';
import { Unit, unitize } from './units';

const LABEL_LOOSENESS = { typos: 5, endings: true };
/** A word of a label is less sure than the label: "nhieu" is not a misspelt "chieu". */
const PIECE_LOOSENESS = { typos: 6, endings: true };

export interface LabelIndex {
  index: EntryIndex;
  /** The option a yes (or a no) in any language stands for, when one label says it: "Yes, I'll come". */
  polarity: { yes?: string; no?: string };
  /** Option keys are numbers ("1", "2"): a number names the option with that key, else its position. */
  numericKeys: boolean;
  /** Option keys are single letters ("a", "b"): a letter names the option with that key. */
  letterKeys: boolean;
}

/**
 * The labels of a choice question, in every language given, as entries: the whole label, and the
 * words of it that no other option's label shares ("Thursday" from "Thursday evening" when the
 * other option is "Tuesday evening"; 清真 from 清真餐), so a reply naming only those still lands.
 * Keys that are not numbers ("bus", "a") are entries too.
 */
export function labelIndex(options: readonly AnswerOption[], lexicon: LexiconIndex): LabelIndex {
  const index = new EntryIndex();
  const partials = new Map<string, { phrase: string; keys: Set<string>; language: string; short: boolean }>();
  const fullKeys = new Map<string, Set<string>>();
  const polarities = new Map<string, Set<'yes' | 'no'>>();

  for (const option of options) {
    for (const [language, label] of Object.entries(option.labels)) {
      const units = unitize(label);
      if (units.length === 0) continue;
      for (const phrase of [label, ...withDigits(units, language, lexicon)]) {
        const entry = index.add(phrase, { role: 'option', key: option.key, by: 'label', partial: false }, language, false, LABEL_LOOSENESS);
        if (entry) fullKeys.set(entry.joined, new Set([...(fullKeys.get(entry.joined) ?? []), option.key]));
      }
      for (const { phrase, short } of distinctivePieces(units, lexicon)) {
        const key = unitize(phrase)
          .map((unit) => unit.key)
          .join('');
        const piece = partials.get(key) ?? { phrase, keys: new Set<string>(), language, short };
        piece.keys.add(option.key);
        partials.set(key, piece);
      }
      const polarity = labelPolarity(units, lexicon);
      if (polarity) polarities.set(option.key, new Set([...(polarities.get(option.key) ?? []), polarity]));
    }
  }
  for (const [key, piece] of partials) {
    // A piece that is a whole label is that label (or another option's), not a piece.
    if (piece.keys.size !== 1 || fullKeys.has(key)) continue;
    const [owner] = piece.keys;
    index.add(piece.phrase, { role: 'option', key: owner, by: 'label', partial: true }, piece.language, piece.short, PIECE_LOOSENESS);
  }

  const numericKeys = options.every((option) => /^\d+$/.test(option.key.trim()));
  const letterKeys = options.every((option) => /^[a-z]$/i.test(option.key.trim()));
  if (!numericKeys) {
    for (const option of options) {
      index.add(option.key, { role: 'option', key: option.key, by: 'key', partial: false }, undefined, option.key.trim().length === 1);
    }
  }
  return { index, polarity: onlyOption(polarities), numericKeys, letterKeys };
}

/** The label with its number words as digits, as families write it: "Thứ Bảy" → "thứ 7", 星期四 → 星期4. */
function withDigits(units: readonly Unit[], language: string, lexicon: LexiconIndex): string[] {
  const digits = units.map((unit) => {
    const number = lexicon.index.lookup(unit.key).find((entry) => entry.meaning.role === 'number' && entry.languages.includes(language));
    if (!number || number.meaning.role !== 'number') return undefined;
    return String(number.meaning.value);
  });
  if (digits.every((digit) => digit === undefined)) return [];
  return [units.map((unit, i) => digits[i] ?? unit.exact).join(' ')];
}

/** Words of three letters or more that are not everyday words; runs of two CJK characters or more. */
function distinctivePieces(units: readonly Unit[], lexicon: LexiconIndex): Array<{ phrase: string; short: boolean }> {
  const pieces: Array<{ phrase: string; short: boolean }> = [];
  let run = '';
  const flush = () => {
    for (let length = 2; length <= run.length; length += 1) {
      for (let start = 0; start + length <= run.length; start += 1) pieces.push({ phrase: run.slice(start, start + length), short: false });
    }
    run = '';
  };
  for (const unit of units) {
    if (unit.type === 'cjk') {
      run += unit.key;
      if (unit.breakAfter) flush();
      continue;
    }
    flush();
    const filler = lexicon.index.lookup(unit.key).some((entry) => entry.meaning.role === 'filler');
    if (unit.type === 'word' && unit.key.length >= 3 && !lexicon.common.has(unit.key) && !filler) {
      pieces.push({ phrase: unit.exact, short: unit.key.length < 4 });
    }
  }
  flush();
  return pieces;
}

/** A label that is, or starts with, a yes or a no word: "Yes", "Sí, asistiré", "No thanks". */
function labelPolarity(units: readonly Unit[], lexicon: LexiconIndex): 'yes' | 'no' | undefined {
  let joined = '';
  let found: 'yes' | 'no' | undefined;
  for (let end = 1; end <= Math.min(units.length, 3); end += 1) {
    joined += units[end - 1].key;
    for (const entry of lexicon.index.lookup(joined)) {
      if (entry.meaning.role === 'yes' || entry.meaning.role === 'no') found = entry.meaning.role;
    }
  }
  return found;
}

function onlyOption(polarities: Map<string, Set<'yes' | 'no'>>): LabelIndex['polarity'] {
  const owners = (polarity: 'yes' | 'no') => [...polarities].filter(([, set]) => set.has(polarity) && set.size === 1).map(([key]) => key);
  const [yes, ...moreYes] = owners('yes');
  const [no, ...moreNo] = owners('no');
  return { ...(yes && moreYes.length === 0 ? { yes } : {}), ...(no && moreNo.length === 0 ? { no } : {}) };
}
