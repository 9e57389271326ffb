import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import type { GrowthFilters } from './filters';

/** Fans who joined in the range, and how many of them ever reached each step or a later one. */
export interface Funnel {
  joined: number;
  active: number;
  core: number;
  highValue: number;
}

export async function getFunnel(
  db: Database,
  { communityId, from, to }: GrowthFilters,
): Promise<Funnel> {
  const [row] = await db.execute<{ [K in keyof Funnel]: number }>(sql`
    select coalesce(sum(joined), 0)::int8 as joined,
      coalesce(sum(reached_active), 0)::int8 as active,
      coalesce(sum(reached_core), 0)::int8 as core,
      coalesce(sum(reached_high_value), 0)::int8 as "highValue"
    from growth_join_days
    where community_id = ${communityId} and joined_day between ${from}::date and ${to}::date`);
  return row!;
}
