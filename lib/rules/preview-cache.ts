// Results kept for a short time in this server process, by key. A computation still
// running is shared too, so people opening the same draft at once start one. A failure is
// not kept. One process's memory: each server process (and each restart) starts empty.

export interface TtlCache<T> {
  /** The value kept for `key` if younger than the TTL, else `compute()`'s (then kept). */
  get(key: string, compute: () => Promise<T>): Promise<T>;
  clear(): void;
}

export function createTtlCache<T>({
  ttlMs,
  maxEntries,
  now = () => Date.now(),
}: {
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}): TtlCache<T> {
  const entries = new Map<string, { value: Promise<T>; expires: number }>();
  return {
    get(key, compute) {
      const at = now();
      const kept = entries.get(key);
      if (kept && kept.expires > at) return kept.value;
      entries.delete(key);
      const value = compute();
      const entry = { value, expires: at + ttlMs };
      entries.set(key, entry);
      value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      // Maps keep insertion order: the first keys are the oldest.
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries) break;
        entries.delete(oldest);
      }
      return value;
    },
    clear: () => entries.clear(),
  };
}
