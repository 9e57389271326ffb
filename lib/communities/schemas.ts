import { z } from 'zod';
import { dateSchema, idSchema } from '../api/schemas';
import { daysBetween, isDate } from './dates';

/** Longest range one request may ask for, so a typo cannot generate years of rows. */
export const maxRangeDays = 366;

export interface GetCommunitySummaryParams {
  communityId: number;
}

/** The day range of the engagement chart; checked before any SQL (dates Postgres can read). */
export const engagementsPerDayQuerySchema = z
  .strictObject({ from: dateSchema, to: dateSchema })
  .superRefine((p, ctx) => {
    // A date refused by its own check already has its issue; a range needs two real dates.
    if (!isDate(p.from) || !isDate(p.to)) return;
    if (p.from > p.to)
      ctx.addIssue({
        code: 'custom',
        path: ['from'],
        message: 'must not be after "to"',
        params: { code: 'range_reversed' },
      });
    else if (daysBetween(p.from, p.to) >= maxRangeDays)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `must be at most ${maxRangeDays - 1} days after "from"`,
        params: { code: 'range_too_long', maximum: maxRangeDays - 1 },
      });
  });

export interface GetEngagementsPerDayParams {
  communityId: number;
  from: string;
  to: string;
}

/** The path's community id (a page's ?community= too). */
export const communityIdSchema = idSchema;
