import { z } from 'zod';
import { daysBetween } from './dates';

/** Longest range one request may ask for, so a typo cannot generate years of rows. */
export const maxRangeDays = 366;

export const communityIdSchema = z.coerce
  .number({ error: 'must be a community id (a positive integer)' })
  .int({ error: 'must be a community id (a positive integer)' })
  .positive({ error: 'must be a community id (a positive integer)' })
  .max(Number.MAX_SAFE_INTEGER, { error: 'is too large' });

const isoDay = z.iso.date({ error: 'must be a date as YYYY-MM-DD' });

export const getCommunitySummaryParamsSchema = z.object({ communityId: communityIdSchema });
export type GetCommunitySummaryParams = z.infer<typeof getCommunitySummaryParamsSchema>;

export const getEngagementsPerDayParamsSchema = z
  .object({ communityId: communityIdSchema, from: isoDay, to: isoDay })
  .refine((p) => p.from <= p.to, { error: 'must not be after "to"', path: ['from'] })
  .refine((p) => p.from > p.to || daysBetween(p.from, p.to) < maxRangeDays, {
    error: `must be at most ${maxRangeDays - 1} days after "from"`,
    path: ['to'],
  });
export type GetEngagementsPerDayParams = z.infer<typeof getEngagementsPerDayParamsSchema>;
