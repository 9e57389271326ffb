import type { z } from 'zod';
import { daysBetween, isDate } from '../communities/dates';

/**
 * A refinement for `{ from, to }` dates: from ≤ to, and at most `maxDays − 1` days apart
 * (codes `range_reversed`, `range_too_long` with the maximum).
 */
export function dateRangeCheck(maxDays: number) {
  return (p: { from: string; to: string }, ctx: z.RefinementCtx) => {
    // A date refused by its own check already has its issue; a range needs two real dates.
    if (!isDate(p.from) || !isDate(p.to)) return;
    if (p.from > p.to)
      ctx.addIssue({
        code: 'custom',
        path: ['from'],
        message: 'must not be after "to"',
        params: { code: 'range_reversed' },
      });
    else if (daysBetween(p.from, p.to) >= maxDays)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `must be at most ${maxDays - 1} days after "from"`,
        params: { code: 'range_too_long', maximum: maxDays - 1 },
      });
  };
}
