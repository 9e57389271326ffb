import { z } from 'zod';
import { checkText, dateSchema, idSchema, wholeNumberParam } from '../api/schemas';
import { isDate } from '../communities/dates';
import { stages } from '../lifecycle/stage-names';

// Pure (the filter form uses it in the browser): no db/, no server-only.

export const segmentSorts = [
  'joined_at',
  'last_seen',
  'spend',
  'clv',
  'p_alive',
  'r_score',
  'f_score',
  'm_score',
] as const;
export type SegmentSort = (typeof segmentSorts)[number];

/**
 * The sorts by a fan's value of the latest fit (fan_values): a fan without one (no linked
 * customer, or no model fit) comes after every fan with one, whatever the order.
 */
export const valueSorts = ['clv', 'p_alive', 'r_score', 'f_score', 'm_score'] as const;
export type ValueSort = (typeof valueSorts)[number];
export const isValueSort = (sort: SegmentSort): sort is ValueSort =>
  (valueSorts as readonly string[]).includes(sort);
export const sortDirections = ['asc', 'desc'] as const;
export type SortDirection = (typeof sortDirections)[number];

/** Most tags one filter may name, and the longest tag name it may carry. */
export const maxFilterTags = 50;
export const maxTagNameLength = 100;

const split = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

const stageList = z
  .string()
  .max(200, 'is too long')
  .transform(split)
  .pipe(z.array(z.enum(stages, { error: `must be among ${stages.join(', ')}` })));

// Checked as one string first, so a control character is refused at `tag` whatever its place.
const tagList = z
  .string()
  .max(maxFilterTags * (maxTagNameLength + 1), 'is too long')
  .superRefine((v, ctx) => checkText(v, ctx))
  .transform(split)
  .pipe(
    z
      .array(
        z.string().max(maxTagNameLength, `a tag name is at most ${maxTagNameLength} characters`),
      )
      .max(maxFilterTags, `at most ${maxFilterTags} tags`),
  );

const days = wholeNumberParam(0, 100_000);
const amount = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,6})?$/, 'must be an amount such as 120 or 99.5')
  .transform(Number);
const score = wholeNumberParam(1, 5);
const probability = z
  .string()
  .regex(
    /^(0(\.\d{1,6})?|1(\.0{1,6})?|\.\d{1,6})$/,
    'must be a probability from 0 to 1, such as 0.25',
  )
  .transform(Number);

/**
 * The segment browser's filters, as they appear in the URL (every field optional):
 * stage=active,core  tag=vip  community=2  joinedFrom/joinedTo=YYYY-MM-DD
 * silentMin/silentMax=days since the last engagement  spendMin/spendMax (value window)
 * rMin/rMax, fMin/fMax, mMin/mMax=RFM scores 1–5  pAliveMin/pAliveMax=0–1
 * clvMin/clvMax=12-month CLV in the base currency (the value filters keep only fans with a
 * value: a linked customer in the latest fit)
 * sort=joined_at|last_seen|spend|clv|p_alive|r_score|f_score|m_score  dir=asc|desc
 */
export const segmentFilterShape = {
  stage: stageList.optional(),
  tag: tagList.optional(),
  community: idSchema.optional(),
  joinedFrom: dateSchema.optional(),
  joinedTo: dateSchema.optional(),
  silentMin: days.optional(),
  silentMax: days.optional(),
  spendMin: amount.optional(),
  spendMax: amount.optional(),
  rMin: score.optional(),
  rMax: score.optional(),
  fMin: score.optional(),
  fMax: score.optional(),
  mMin: score.optional(),
  mMax: score.optional(),
  pAliveMin: probability.optional(),
  pAliveMax: probability.optional(),
  clvMin: amount.optional(),
  clvMax: amount.optional(),
  sort: z
    .enum(segmentSorts, { error: `must be one of ${segmentSorts.join(', ')}` })
    .default('joined_at'),
  dir: z.enum(sortDirections, { error: 'must be asc or desc' }).default('desc'),
};

interface Ranged {
  joinedFrom?: string;
  joinedTo?: string;
  silentMin?: number;
  silentMax?: number;
  spendMin?: number;
  spendMax?: number;
  rMin?: number;
  rMax?: number;
  fMin?: number;
  fMax?: number;
  mMin?: number;
  mMax?: number;
  pAliveMin?: number;
  pAliveMax?: number;
  clvMin?: number;
  clvMax?: number;
}

/** The ranges whose low end must not pass the high end, as [low, high] filter names. */
const numberRanges = [
  ['silentMin', 'silentMax'],
  ['spendMin', 'spendMax'],
  ['rMin', 'rMax'],
  ['fMin', 'fMax'],
  ['mMin', 'mMax'],
  ['pAliveMin', 'pAliveMax'],
  ['clvMin', 'clvMax'],
] as const;

/** Each range's low end must not pass its high end. */
export function checkFilterRanges(f: Ranged, ctx: z.RefinementCtx) {
  const refuse = (path: string, message: string) =>
    ctx.addIssue({ code: 'custom', path: [path], message, params: { code: 'range_reversed' } });
  if (f.joinedFrom && f.joinedTo && isDate(f.joinedFrom) && isDate(f.joinedTo))
    if (f.joinedFrom > f.joinedTo) refuse('joinedFrom', 'must not be after joinedTo');
  for (const [low, high] of numberRanges) {
    const [a, b] = [f[low], f[high]];
    if (a !== undefined && b !== undefined && a > b) refuse(low, `must not be more than ${high}`);
  }
}

/** Names the keys that are not filters (`colour`), rather than zod's generic message. */
export const unknownFilterError = {
  error: (issue: { code?: string; keys?: string[] }) =>
    issue.code === 'unrecognized_keys' ? `${issue.keys?.join(', ')} is not a filter` : undefined,
};

export const segmentFiltersSchema = z
  .strictObject(segmentFilterShape, unknownFilterError)
  .superRefine(checkFilterRanges);

export type SegmentFilters = z.infer<typeof segmentFiltersSchema>;

export interface FilterIssue {
  path: string;
  message: string;
}

/**
 * Filters from a page's URL, where an empty value (`?stage=`) means no filter; never
 * throws. The API takes segmentFiltersSchema as it is.
 */
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
          path: i.path.join('.'),
          message: i.message,
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
