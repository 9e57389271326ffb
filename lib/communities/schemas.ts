import { z } from 'zod';
import { dateSchema, idSchema, timeZoneNameSchema } from '../api/schemas';
import { dateRangeCheck } from '../api/date-range';

/** Longest range one request may ask for, so a typo cannot generate years of rows. */
export const maxRangeDays = 366;

export interface GetCommunitySummaryParams {
  communityId: number;
}

/** The day range of the engagement chart; checked before any SQL (dates Postgres can read). */
export const engagementsPerDayQuerySchema = z
  .strictObject({ from: dateSchema, to: dateSchema })
  .superRefine(dateRangeCheck(maxRangeDays));

export interface GetEngagementsPerDayParams {
  communityId: number;
  from: string;
  to: string;
}

/** The path's community id (a page's ?community= too). */
export const communityIdSchema = idSchema;

/** PATCH /api/communities/:id/time-zone. */
export const timeZoneChangeSchema = z.strictObject({ timeZone: timeZoneNameSchema });
