import { checkCustomer } from './customer';
import type { CustomerSummary } from './types';

/**
 * Quintile scores 1–5, larger values scoring higher, equal values always equal:
 * sort the values ascending; a value whose first position in that order is i (0-based)
 * among n values scores 1 + floor(5·i / n). So each score covers a fifth of the positions,
 * a group of ties takes the score of its first position, and a large group can push the
 * scores after it up (with many ties a score may be skipped). Deterministic: it depends
 * only on the multiset of values, not on the input order. n = 1 scores 1.
 */
export function quintileScores(values: readonly number[]): number[] {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  return values.map((v) => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return 1 + Math.floor((5 * lo) / n);
  });
}

/**
 * RFM scores, in input order:
 * - R on the days since the last occasion, T − tx: the most recent (smallest) scores 5;
 * - F on x, the repeat occasions;
 * - M on the mean value of the repeat occasions, counted as 0 for customers with x = 0
 *   (they have no repeat occasion, so the lowest scores).
 * Values compare exactly (T − tx is exact for whole days).
 */
export function rfmScores(
  customers: readonly CustomerSummary[],
): { r: number; f: number; m: number }[] {
  customers.forEach((c, i) => checkCustomer(c, i));
  const r = quintileScores(customers.map((c) => -(c.T - c.tx)));
  const f = quintileScores(customers.map((c) => c.x));
  const m = quintileScores(customers.map((c) => (c.x > 0 ? c.monetary : 0)));
  return customers.map((_, i) => ({ r: r[i]!, f: f[i]!, m: m[i]! }));
}
