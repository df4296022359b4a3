import { useEffect, useState } from 'react';

/**
 * State kept in this browser as it is typed, so a session that ends mid-sentence, a reload or a
 * crash loses nothing: signing in again brings the user back to the same words.
 */
export function useLocalDraft<T>(key: string, initial: T): [T, (next: T | ((previous: T) => T)) => void, () => void] {
  const storageKey = `porchlight.draft.${key}`;
  const [value, setValue] = useState<T>(() => {
    try {
      const stored = localStorage.getItem(storageKey);
      return stored ? { ...initial, ...(JSON.parse(stored) as T) } : initial;
    } catch {
      return initial;
    }
  });
  useEffect(() => {
    localStorage.setItem(storageKey, JSON.stringify(value));
  }, [storageKey, value]);
  const clear = () => {
    localStorage.removeItem(storageKey);
    setValue(initial);
  };
  return [value, setValue, clear];
}
