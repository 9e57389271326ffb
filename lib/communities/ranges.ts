import { addDays } from './dates';
import type { GetEngagementsPerDayParams } from './schemas';

export const rangeOptions = [7, 30, 90] as const;
export type RangeDays = (typeof rangeOptions)[number];
export const defaultRangeDays: RangeDays = 30;

/** The last `days` days up to `today` (in the community's zone): shared by view and prefetch. */
export function rangeParams(
  communityId: number,
  today: string,
  days: RangeDays,
): GetEngagementsPerDayParams {
  return { communityId, from: addDays(today, -(days - 1)), to: today };
}
