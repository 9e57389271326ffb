import { z } from 'zod';
import { idSchema, nameSchema, searchTextSchema, wholeNumberParam } from '../api/schemas';
import { maxQueryLength, parseFanQuery } from './search';
import { cursorSchema } from './timeline-cursor';

// What the fan routes accept, from the shared schemas (lib/api/schemas.ts). The fan page
// reads its URL with the same ones.

export const fanParams = z.object({ id: idSchema });
export const fanTagParams = z.object({ id: idSchema, tagId: idSchema });

/**
 * The search box: plain text (no control characters, no broken Unicode), read as one kind
 * of key; what cannot be searched is refused with the reason as the issue's code
 * (`empty`, `too_long`, `bad_username`, `bad_fan_id`).
 */
export const fanSearchText = searchTextSchema(2 * maxQueryLength).transform((raw, ctx) => {
  const parsed = parseFanQuery(raw);
  if (parsed.ok) return parsed.query;
  ctx.addIssue({
    code: 'custom',
    message: parsed.message,
    params: {
      code: parsed.problem,
      ...(parsed.problem === 'too_long' ? { maximum: maxQueryLength } : {}),
    },
  });
  return z.NEVER;
});

export const fanSearchQuery = z.object({ q: fanSearchText });

export const maxTimelinePage = 200;

export const timelineQuery = z.object({
  cursor: cursorSchema.optional(),
  limit: wholeNumberParam(1, maxTimelinePage).optional(),
});

export const maxTagLength = 48;

/** A tag name as typed: one line without control characters, inner spaces collapsed. */
export const tagName = nameSchema(maxTagLength).transform((name) => name.replace(/\s+/g, ' '));

export const tagBody = z.strictObject({ name: tagName });

/** The words typed to confirm an erasure (checked against the fan's number by eraseFan). */
export const eraseBody = z.strictObject({
  confirm: z.string().max(40, 'must be the fan’s number, e.g. #42'),
});
