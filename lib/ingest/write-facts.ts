import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { fanDailyRows } from './fan-daily-rows';
import type { FactOf } from './facts';
import { column, epochTime, inline, numberArray, textArray, timeArray } from './sql-arrays';
import { profileUpdate } from './write-fans';
import { postsUpsert, type PostRow } from './write-posts';

/** The batch's events, a key repeated reduced to its first record. */
export type EventFacts = FactOf<'event'>[];

/**
 * The events' columns that need no ids, rendered for the statement. Rendering is most of
 * the JavaScript work of a batch, so it is done while the fans statement runs.
 */
export interface RenderedEvents {
  count: number;
  sourceKeys: string;
  types: string;
  times: string;
  values: string;
  payloads: string;
}

export function renderEvents(events: EventFacts): RenderedEvents {
  return {
    count: events.length,
    // Keys and payloads as JSON arrays (one native JSON.stringify each, no quoting of
    // quotes), the rest as array literals.
    sourceKeys: JSON.stringify(events.map((f) => f.sourceKey)),
    types: textArray(events.map((f) => f.type)),
    times: timeArray(events.map((f) => f.at)),
    values: numberArray(events.map((f) => f.value)),
    payloads: JSON.stringify(events.map((f) => f.payload ?? null)),
  };
}

export interface EventColumns extends RenderedEvents {
  fanIds: number[];
  communityIds: number[];
}

export interface MembershipRow {
  source_key: string;
  fan_id: number;
  community_id: number;
  action: 'join' | 'leave';
  occurred_at: Date;
  invited_by_fan_id: number | null;
  invite_link: string | null;
  source: string;
}

export interface PurchaseRow {
  source_key: string;
  order_id: string;
  fan_id: number;
  community_id: number | null;
  amount: number;
  currency: string;
  occurred_at: Date;
}

export interface BatchFacts {
  profiles: FactOf<'fan'>[];
  posts: PostRow[];
  events: EventColumns;
  memberships: MembershipRow[];
  purchases: PurchaseRow[];
  /** Each fan with facts in the batch and the time of its newest: the lifecycle queue. */
  latest: Map<number, number>;
}

/**
 * Writes a batch's facts, once its fans exist, in one statement: fan
 * profiles, posts, new events and exactly those (not the duplicates) added to fan_daily,
 * memberships, purchases, and the lifecycle queue. A replayed batch finds every key taken
 * and so adds nothing anywhere.
 *
 * Two processes may ingest overlapping batches at once. Each table is written in one
 * order, the same in every process (fans, posts, events, memberships, purchases,
 * fan_daily, queue; rows in key order, a key repeated in the batch keeping its first
 * record; events come sorted by prepareBatch), so one waits for the other's commit where
 * they meet and they never deadlock.
 */
export async function insertFacts(
  tx: Executor,
  facts: BatchFacts,
): Promise<{ events: number; memberships: number; purchases: number; posts: number }> {
  const ctes: SQL[] = [];
  const counts: SQL[] = [];
  const { events, memberships, purchases } = facts;
  if (facts.profiles.length > 0) {
    ctes.push(...profileUpdate(facts.profiles));
    counts.push(sql`(select count(*) from profiles)::int as profiles`);
  }
  if (facts.posts.length > 0) {
    ctes.push(sql`po as (${postsUpsert(facts.posts)})`);
    counts.push(sql`(select count(*) from po)::int as posts`);
  }
  if (events.count > 0) {
    // ROWS FROM zips the columns by position; the rows come in the batch's key order.
    ctes.push(sql`ev_in as (
      select source_key, fan_id, community_id, type, ${epochTime(sql`at_ms`)} as occurred_at,
        value, nullif(payload::jsonb, 'null') as payload
      from rows from (
        json_array_elements_text(${inline(events.sourceKeys, 'json')}),
        unnest(${column(numberArray(events.fanIds), 'bigint')}),
        unnest(${column(numberArray(events.communityIds), 'bigint')}),
        unnest(${column(events.types, 'event_type')}),
        unnest(${column(events.times, 'bigint')}),
        unnest(${column(events.values, 'numeric')}),
        json_array_elements(${inline(events.payloads, 'json')})
      ) as r(source_key, fan_id, community_id, type, at_ms, value, payload)
    ), ev as (
      insert into events (source_key, fan_id, community_id, type, occurred_at, value, payload)
      select source_key, fan_id, community_id, type, occurred_at, value, payload from ev_in
      on conflict (source_key) do nothing
      returning fan_id, community_id, type, occurred_at
    )`);
    counts.push(sql`(select count(*) from ev)::int as events`);
  }
  if (memberships.length > 0) {
    ctes.push(sql`ms as (
      insert into memberships (source_key, fan_id, community_id, action, occurred_at,
        invited_by_fan_id, invite_link, source)
      select source_key, fan_id, community_id, action, ${epochTime(sql`at_ms`)},
        invited_by_fan_id, invite_link, source
      from unnest(
        ${column(textArray(memberships.map((r) => r.source_key)), 'text')},
        ${column(numberArray(memberships.map((r) => r.fan_id)), 'bigint')},
        ${column(numberArray(memberships.map((r) => r.community_id)), 'bigint')},
        ${column(textArray(memberships.map((r) => r.action)), 'membership_action')},
        ${column(timeArray(memberships.map((r) => r.occurred_at)), 'bigint')},
        ${column(numberArray(memberships.map((r) => r.invited_by_fan_id)), 'bigint')},
        ${column(textArray(memberships.map((r) => r.invite_link)), 'text')},
        ${column(textArray(memberships.map((r) => r.source)), 'membership_source')}
      ) with ordinality as r(source_key, fan_id, community_id, action, at_ms,
        invited_by_fan_id, invite_link, source, pos)
      order by source_key collate "C", pos
      on conflict (source_key) do nothing
      returning 1
    )`);
    counts.push(sql`(select count(*) from ms)::int as memberships`);
  }
  if (purchases.length > 0) {
    ctes.push(sql`pu as (
      insert into purchases (source_key, order_id, fan_id, community_id, amount, currency,
        occurred_at)
      select source_key, order_id, fan_id, community_id, amount, currency,
        ${epochTime(sql`at_ms`)}
      from unnest(
        ${column(textArray(purchases.map((r) => r.source_key)), 'text')},
        ${column(textArray(purchases.map((r) => r.order_id)), 'text')},
        ${column(numberArray(purchases.map((r) => r.fan_id)), 'bigint')},
        ${column(numberArray(purchases.map((r) => r.community_id)), 'bigint')},
        ${column(numberArray(purchases.map((r) => r.amount)), 'numeric')},
        ${column(textArray(purchases.map((r) => r.currency)), 'text')},
        ${column(timeArray(purchases.map((r) => r.occurred_at)), 'bigint')}
      ) with ordinality as r(source_key, order_id, fan_id, community_id, amount, currency,
        at_ms, pos)
      order by source_key collate "C", pos
      on conflict (source_key) do nothing
      returning 1
    )`);
    counts.push(sql`(select count(*) from pu)::int as purchases`);
  }
  if (events.count > 0) {
    ctes.push(sql`rollup as (
      insert into fan_daily as d (fan_id, community_id, day, engagements, messages, reactions,
        poll_votes, clicks, bot_actions, invites, first_at, last_at)
      ${fanDailyRows(sql`ev`)}
      order by 1, 2, 3
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
    )`);
    counts.push(sql`(select count(*) from rollup)::int as days`);
  }
  const { latest } = facts;
  if (latest.size > 0) {
    const fans = [...latest.keys()].sort((a, b) => a - b);
    // A fact is never stored without its fan being looked at again once its time has come.
    ctes.push(sql`queued as (
      insert into lifecycle_dirty_fans (fan_id, latest_at)
      select fan_id, ${epochTime(sql`at_ms`)} from unnest(
        ${column(numberArray(fans), 'bigint')},
        ${column(timeArray(fans.map((id) => latest.get(id))), 'bigint')}) as r(fan_id, at_ms)
      on conflict (fan_id) do update set latest_at = excluded.latest_at
        where excluded.latest_at > lifecycle_dirty_fans.latest_at
      returning 1
    )`);
    counts.push(sql`(select count(*) from queued)::int as queued`);
  }
  if (ctes.length === 0) return { events: 0, memberships: 0, purchases: 0, posts: 0 };
  // The counts are read in this order, so each table is written whole before the next.
  const [row] = await tx.execute<{
    events?: number;
    memberships?: number;
    purchases?: number;
    posts?: number;
  }>(sql`with ${sql.join(ctes, sql`, `)} select ${sql.join(counts, sql`, `)}`);
  return {
    events: row?.events ?? 0,
    memberships: row?.memberships ?? 0,
    purchases: row?.purchases ?? 0,
    posts: row?.posts ?? 0,
  };
}
