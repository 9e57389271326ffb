import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { EventType } from '../../db/schema';
import { fanDailyRows } from './fan-daily-rows';
import { jsonRows } from './sql-json';

export interface EventRow {
  source_key: string;
  fan_id: number;
  community_id: number;
  type: EventType;
  occurred_at: Date;
  value: number | null;
  payload: Record<string, unknown> | null;
}

/**
 * Inserts new events and adds exactly those (not the duplicates) to fan_daily, in one
 * statement: a replayed batch finds every key taken and so adds nothing anywhere.
 */
export async function insertEvents(tx: Executor, rows: EventRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const [result] = await tx.execute<{ inserted: number }>(sql`
    with r as (
      select * from jsonb_to_recordset(${jsonRows(rows)}) as r(source_key text, fan_id bigint,
        community_id bigint, type event_type, occurred_at timestamptz, value numeric, payload jsonb)
    ), ins as (
      insert into events (source_key, fan_id, community_id, type, occurred_at, value, payload)
      select source_key, fan_id, community_id, type, occurred_at, value, payload from r
      on conflict (source_key) do nothing
      returning fan_id, community_id, type, occurred_at
    ), per_day as (
      ${fanDailyRows(sql`ins`)}
      order by 1, 2, 3
    ), rollup as (
      insert into fan_daily as d (fan_id, community_id, day, engagements, messages, reactions,
        poll_votes, clicks, bot_actions, invites, first_at, last_at)
      select * from per_day
      on conflict (fan_id, community_id, day) do update set
        engagements = d.engagements + excluded.engagements,
        messages = d.messages + excluded.messages,
        reactions = d.reactions + excluded.reactions,
        poll_votes = d.poll_votes + excluded.poll_votes,
        clicks = d.clicks + excluded.clicks,
        bot_actions = d.bot_actions + excluded.bot_actions,
        invites = d.invites + excluded.invites,
        first_at = least(d.first_at, excluded.first_at),
        last_at = greatest(d.last_at, excluded.last_at)
      returning 1
    )
    select (select count(*) from ins)::int as inserted, (select count(*) from rollup)::int as days`);
  return result?.inserted ?? 0;
}
