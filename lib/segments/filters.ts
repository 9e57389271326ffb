import { z } from 'zod';
import { stages } from '../../db/schema/lifecycle';

export const segmentSorts = ['joined_at', 'last_seen', 'spend'] as const;
export type SegmentSort = (typeof segmentSorts)[number];

const split = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

const stageList = z
  .string()
  .transform(split)
  .pipe(z.array(z.enum(stages, { error: `must be among ${stages.join(', ')}` })));
const tagList = z
  .string()
  .transform(split)
  .pipe(
    z.array(z.string().max(100, 'a tag name is at most 100 characters')).max(50, 'at most 50 tags'),
  );

const day = z.iso.date({ error: 'must be a date as YYYY-MM-DD' });
const days = z.coerce
  .number({ error: 'must be a whole number of days' })
  .int({ error: 'must be a whole number of days' })
  .min(0, { error: 'must be 0 or more' })
  .max(100_000, { error: 'is too large' });
const amount = z.coerce
  .number({ error: 'must be an amount' })
  .finite({ error: 'must be an amount' })
  .min(0, { error: 'must be 0 or more' });

/**
 * The segment browser's filters, as they appear in the URL (every field optional):
 * stage=active,core  tag=vip  community=2  joinedFrom/joinedTo=YYYY-MM-DD
 * silentMin/silentMax=days since the last engagement  spendMin/spendMax (value window)
 * sort=joined_at|last_seen|spend  dir=asc|desc
 */
export const segmentFiltersSchema = z
  .object({
    stage: stageList.optional(),
    tag: tagList.optional(),
    community: z.coerce
      .number({ error: 'must be a community id' })
      .int({ error: 'must be a community id' })
      .positive({ error: 'must be a community id' })
      .max(Number.MAX_SAFE_INTEGER)
      .optional(),
    joinedFrom: day.optional(),
    joinedTo: day.optional(),
    silentMin: days.optional(),
    silentMax: days.optional(),
    spendMin: amount.optional(),
    spendMax: amount.optional(),
    sort: z
      .enum(segmentSorts, { error: `must be one of ${segmentSorts.join(', ')}` })
      .default('joined_at'),
    dir: z.enum(['asc', 'desc'], { error: 'must be asc or desc' }).default('desc'),
  })
  .strict()
  .refine((f) => !f.joinedFrom || !f.joinedTo || f.joinedFrom <= f.joinedTo, {
    error: 'must not be after joinedTo',
    path: ['joinedFrom'],
  })
  .refine(
    (f) => f.silentMin === undefined || f.silentMax === undefined || f.silentMin <= f.silentMax,
    {
      error: 'must not be more than silentMax',
      path: ['silentMin'],
    },
  )
  .refine((f) => f.spendMin === undefined || f.spendMax === undefined || f.spendMin <= f.spendMax, {
    error: 'must not be more than spendMax',
    path: ['spendMin'],
  });

export type SegmentFilters = z.infer<typeof segmentFiltersSchema>;
export type SegmentFiltersInput = z.input<typeof segmentFiltersSchema>;

export interface FilterIssue {
  path: string;
  message: string;
}

/** Parses filters from URL search params (or a saved segment); never throws. */
export function parseSegmentFilters(
  input: Record<string, unknown>,
): { ok: true; filters: SegmentFilters } | { ok: false; issues: FilterIssue[] } {
  const parsed = segmentFiltersSchema.safeParse(
    Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== '')),
  );
  return parsed.success
    ? { ok: true, filters: parsed.data }
    : {
        ok: false,
        issues: parsed.error.issues.map((i) => ({
          path: i.path.join('.') || (i.code === 'unrecognized_keys' ? i.keys.join(', ') : ''),
          message: i.code === 'unrecognized_keys' ? 'is not a filter' : i.message,
        })),
      };
}

/** The filters as URL search params (defaults left out), the inverse of parseSegmentFilters. */
export function segmentSearchParams(filters: SegmentFilters): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    if (key === 'sort' && value === 'joined_at') continue;
    if (key === 'dir' && value === 'desc') continue;
    search.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return search;
}
