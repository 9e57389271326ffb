import { z } from 'zod';
import { dateSchema, idSchema } from '../api/schemas';
import { dateRangeCheck } from '../api/date-range';
import { addDays } from '../communities/dates';

/** Growth charts read rollups, so a range may span years; this only stops typos. */
export const maxGrowthRangeDays = 3 * 366;

/** "all" or a community id; 0 stands for all communities in the rollups. */
const communityFilter = z
  .union([z.literal('all'), idSchema], { error: 'must be "all" or a community id' })
  .transform((c) => (c === 'all' ? 0 : c));

const checkRange = dateRangeCheck(maxGrowthRangeDays);

const filterShape = { community: communityFilter.default(0), from: dateSchema, to: dateSchema };

/** The filters every growth chart takes; they live in the page's URL. */
export const growthFiltersSchema = z.object(filterShape).superRefine(checkRange);

/** A chart API's query: the filters, and json (the chart) or csv (a download). */
export const chartQuerySchema = z
  .strictObject({
    ...filterShape,
    format: z.enum(['json', 'csv'], { error: 'must be json or csv' }).default('json'),
  })
  .superRefine(checkRange);

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
