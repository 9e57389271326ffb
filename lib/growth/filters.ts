import { z } from 'zod';
import { addDays, daysBetween } from '../communities/dates';

/** Growth charts read rollups, so a range may span years; this only stops typos. */
export const maxGrowthRangeDays = 3 * 366;

const isoDay = z.iso.date({ error: 'must be a date as YYYY-MM-DD' });

/** "all" or a community id; 0 stands for all communities in the rollups. */
const communityFilter = z
  .union([
    z.literal('all'),
    z.coerce
      .number({ error: 'must be "all" or a community id' })
      .int({ error: 'must be "all" or a community id' })
      .positive({ error: 'must be "all" or a community id' })
      .max(Number.MAX_SAFE_INTEGER, { error: 'is too large' }),
  ])
  .transform((c) => (c === 'all' ? 0 : c));

/** The filters every growth chart takes; they live in the page's URL. */
export const growthFiltersSchema = z
  .object({ community: communityFilter.default(0), from: isoDay, to: isoDay })
  .refine((p) => p.from <= p.to, { error: 'must not be after "to"', path: ['from'] })
  .refine((p) => p.from > p.to || daysBetween(p.from, p.to) < maxGrowthRangeDays, {
    error: `must be at most ${maxGrowthRangeDays - 1} days after "from"`,
    path: ['to'],
  });

/** communityId 0 means every community, each fan counted once. */
export interface GrowthFilters {
  communityId: number;
  from: string;
  to: string;
}

export function parseGrowthFilters(
  input: Record<string, string | undefined>,
):
  | { ok: true; filters: GrowthFilters }
  | { ok: false; issues: { path: string; message: string }[] } {
  const parsed = growthFiltersSchema.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    };
  const { community, from, to } = parsed.data;
  return { ok: true, filters: { communityId: community, from, to } };
}

/** The default view: the last 12 weeks up to today. */
export function defaultGrowthRange(today: string): { from: string; to: string } {
  return { from: addDays(today, -83), to: today };
}
