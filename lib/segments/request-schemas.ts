import { z } from 'zod';
import { nameSchema } from '../api/schemas';
import { cursorSchema } from './cursor';
import {
  checkFilterRanges,
  segmentFilterShape,
  segmentFiltersSchema,
  unknownFilterError,
  type SegmentFilters,
} from './filters';

// The segment routes' query and body schemas: exactly what each accepts.

/** GET /api/segments/fans: the filters, and the cursor of the page before (of this order). */
export const segmentPageQuerySchema = z
  .strictObject({ ...segmentFilterShape, after: cursorSchema.optional() }, unknownFilterError)
  .superRefine((q, ctx) => {
    checkFilterRanges(q, ctx);
    if (q.after && (q.after.sort !== q.sort || q.after.dir !== q.dir))
      ctx.addIssue({
        code: 'custom',
        path: ['after'],
        message: `belongs to another order (${q.after.sort} ${q.after.dir}); start from the first page`,
        params: { code: 'cursor_mismatch' },
      });
  });

/** A segment's filters as the browser's query string (`stage=active&tag=vip`), parsed. */
export const segmentQueryTextSchema = z
  .string()
  .max(4000, 'must be at most 4000 characters')
  .transform((text, ctx): SegmentFilters => {
    const parsed = segmentFiltersSchema.safeParse(Object.fromEntries(new URLSearchParams(text)));
    if (parsed.success) return parsed.data;
    // Each issue as the filter schema found it (code, limits), under `query.<filter>`.
    for (const issue of parsed.error.issues) ctx.addIssue(issue as z.core.$ZodRawIssue);
    return z.NEVER;
  });

export const maxSegmentNameLength = 100;

/** POST /api/segments/saved */
export const saveSegmentBodySchema = z.strictObject({
  name: nameSchema(maxSegmentNameLength),
  query: segmentQueryTextSchema,
});
