import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { fanDailyRows } from './fan-daily-rows';
import { purchaseWrites } from './write-purchases';
import type { FactOf } from './facts';
import {
  column,
  epochTime,
  inline,
  inlineNumbers,
  numberArray,
  textArray,
  timeArray,
} from './sql-arrays';
import { profileUpdate } from './write-fans';
import { postsUpsert } from './write-posts';

/** The batch's events, a key repeated reduced to its first record. */
export type EventFacts = FactOf<'event'>[];

/** A batch's facts as its facts statement takes them, every fan and chat by Telegram id. */
export interface BatchFacts {
  profiles: FactOf<'fan'>[];
  posts: FactOf<'post'>[];
  /** In the order they are written: see prepareBatch. */
  events: EventFacts;
  memberships: FactOf<'membership'>[];
  purchases: FactOf<'purchase'>[];
  /** Every fan the batch names. */
  fans: number[];
  /** Every community the batch's facts name. */
  communities: number[];
}

export interface FactCounts {
  events: number;
  memberships: number;
  purchases: number;
  posts: number;
}

/**
 * The statement that writes a batch's facts once its fans exist: fan profiles, posts,
 * new events and exactly those (not the duplicates) added to fan_daily, memberships,
 * purchases, and the lifecycle queue. It finds fans and communities by Telegram id itself,
 * so it is built before the batch's transaction begins and sent right behind the fans
 * statement. A replayed batch finds every key taken and so adds nothing anywhere.
 *
 * Two processes may ingest overlapping batches at once. Each table is written in one
 * order, the same in every process (fans, posts, events, memberships, purchases,
 * fan_daily, queue; rows in key order, a key repeated in the batch keeping its first
 * record), so one waits for the other's commit where they meet and they never deadlock.
 *
 * A fact whose fan or community is not found gets a null id and fails the statement
 * (not null), so nothing is ever dropped quietly; unknown communities are refused with
 * their reasons before that error is read (see writeBatch).
 */
export function factsStatement(facts: BatchFacts): SQL | null {
  // Each fact names its fan and community by position in the batch's lists, and the
  // statement looks the ids up once, into two arrays: a subscript per fact, with no join
  // or sort that would reorder the facts.
  const fanAt = new Map(facts.fans.map((telegramId, i) => [telegramId, i + 1]));
  const communityAt = new Map(facts.communities.map((telegramId, i) => [telegramId, i + 1]));
  const fan = (telegramId: number | null | undefined) =>
    telegramId == null ? null : fanAt.get(telegramId);
  const community = (telegramId: number | null | undefined) =>
    telegramId == null ? null : communityAt.get(telegramId);
  const ctes: SQL[] = [
    sql`ids as (
      select
        (select array_agg(f.id order by u.n)
          from unnest(${inlineNumbers(facts.fans, 'bigint')}) with ordinality as u(telegram_id, n)
          left join fans f on f.telegram_user_id = u.telegram_id) as fan,
        (select array_agg(c.id order by u.n)
          from unnest(${inlineNumbers(facts.communities, 'bigint')})
            with ordinality as u(telegram_id, n)
          left join communities c on c.telegram_id = u.telegram_id) as community
    )`,
  ];
  const counts: SQL[] = [];
  const { events, memberships, purchases } = facts;
  if (facts.profiles.length > 0) {
    ctes.push(...profileUpdate(facts.profiles));
    counts.push(sql`(select count(*) from profiles)::int as profiles`);
  }
  if (facts.posts.length > 0) {
    ctes.push(sql`po as (${postsUpsert(facts.posts, community)})`);
    counts.push(sql`(select count(*) from po)::int as posts`);
  }
  if (events.length > 0) {
    // Keys and payloads as JSON arrays (one native JSON.stringify each, no quoting of
    // quotes), the rest as array literals. ROWS FROM zips the columns by position.
    ctes.push(sql`ev_in as (
      select r.source_key, (select fan from ids)[r.fan] as fan_id,
        (select community from ids)[r.community] as community_id, r.type,
        ${epochTime(sql`r.at_ms`)} as occurred_at, r.value,
        nullif(r.payload::jsonb, 'null') as payload
      from rows from (
        json_array_elements_text(${inline(JSON.stringify(events.map((f) => f.sourceKey)), 'json')}),
        unnest(${column(numberArray(events.map((f) => fan(f.fan))), 'int')}),
        unnest(${column(numberArray(events.map((f) => community(f.community))), 'int')}),
        unnest(${column(textArray(events.map((f) => f.type)), 'event_type')}),
        unnest(${column(timeArray(events.map((f) => f.at)), 'bigint')}),
        unnest(${column(numberArray(events.map((f) => f.value)), 'numeric')}),
        json_array_elements(${inline(JSON.stringify(events.map((f) => f.payload ?? null)), 'json')})
      ) as r(source_key, fan, community, type, at_ms, value, payload)
    ), ev as (
      insert into events (source_key, fan_id, community_id, type, occurred_at, value, payload)
      select source_key, fan_id, community_id, type, occurred_at, value, payload from ev_in
      on conflict (source_key) do nothing
      returning id, source_key, fan_id, community_id, type, occurred_at
    )`);
    counts.push(sql`(select count(*) from ev)::int as events`);
    // Texts only for the events this statement added: a key already stored keeps its row,
    // and only this transaction can have written these ids.
    const written = events.filter((f) => f.text);
    if (written.length > 0) {
      ctes.push(sql`tx_in as (
        select r.source_key collate "C" as source_key, r.text
        from rows from (
          json_array_elements_text(${inline(JSON.stringify(written.map((f) => f.sourceKey)), 'json')}),
          json_array_elements_text(${inline(JSON.stringify(written.map((f) => f.text)), 'json')})
        ) as r(source_key, text)
      ), tx as (
        insert into event_texts (fan_id, event_id, text)
        select ev.fan_id, ev.id, t.text from tx_in t join ev using (source_key)
        order by 1, 2
        returning 1
      )`);
      counts.push(sql`(select count(*) from tx)::int as texts`);
    }
  }
  if (memberships.length > 0) {
    ctes.push(sql`ms as (
      insert into memberships (source_key, fan_id, community_id, action, occurred_at,
        invited_by_fan_id, invite_link, source)
      select r.source_key, (select fan from ids)[r.fan], (select community from ids)[r.community],
        r.action, ${epochTime(sql`r.at_ms`)}, (select fan from ids)[r.invited_by],
        r.invite_link, r.source
      from unnest(
        ${column(textArray(memberships.map((m) => m.sourceKey)), 'text')},
        ${column(numberArray(memberships.map((m) => fan(m.fan))), 'int')},
        ${column(numberArray(memberships.map((m) => community(m.community))), 'int')},
        ${column(textArray(memberships.map((m) => m.action)), 'membership_action')},
        ${column(timeArray(memberships.map((m) => m.at)), 'bigint')},
        ${column(numberArray(memberships.map((m) => fan(m.invitedBy))), 'int')},
        ${column(textArray(memberships.map((m) => m.inviteLink)), 'text')},
        ${column(textArray(memberships.map((m) => m.source)), 'membership_source')}
      ) with ordinality as r(source_key, fan, community, action, at_ms, invited_by,
        invite_link, source, pos)
      order by r.source_key collate "C", r.pos
      on conflict (source_key) do nothing
      returning fan_id, occurred_at
    )`);
    counts.push(sql`(select count(*) from ms)::int as memberships`);
  }
  if (purchases.length > 0) {
    ctes.push(...purchaseWrites(purchases, fan, community));
    counts.push(sql`(select count(*) from pu)::int as purchases`);
  }
  if (events.length > 0) {
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
  const added = [
    events.length > 0 ? 'ev' : null,
    memberships.length > 0 ? 'ms' : null,
    purchases.length > 0 ? 'pu' : null,
    purchases.length > 0 ? 'relinked' : null,
  ].filter((x) => x !== null);
  if (added.length > 0) {
    // Every fan with a new fact is looked at again, its history replayed from the oldest;
    // a fact already stored (a replayed batch) queues nothing.
    ctes.push(sql`queued as (
      insert into lifecycle_dirty_fans as q (fan_id, earliest_at, latest_at)
      select fan_id, min(occurred_at), max(occurred_at) from (
        ${sql.raw(added.map((t) => `select fan_id, occurred_at from ${t}`).join(' union all '))}
      ) n
      where fan_id is not null
      group by fan_id
      order by fan_id
      on conflict (fan_id) do update set
        earliest_at = least(q.earliest_at, excluded.earliest_at),
        latest_at = greatest(q.latest_at, excluded.latest_at)
      returning 1
    )`);
    counts.push(sql`(select count(*) from queued)::int as queued`);
  }
  if (counts.length === 0) return null;
  // The counts are read in this order, so each table is written whole before the next.
  return sql`with ${sql.join(ctes, sql`, `)} select ${sql.join(counts, sql`, `)}`;
}

/** Runs a batch's facts statement (null: nothing to write). */
export async function insertFacts(tx: Executor, statement: SQL | null): Promise<FactCounts> {
  if (!statement) return { events: 0, memberships: 0, purchases: 0, posts: 0 };
  const [row] = await tx.execute<Partial<FactCounts>>(statement);
  return {
    events: row?.events ?? 0,
    memberships: row?.memberships ?? 0,
    purchases: row?.purchases ?? 0,
    posts: row?.posts ?? 0,
  };
}
