import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { Stage } from '../../db/schema';
import type { FanFacts } from './replay-fan';
import type { RuleTimeline } from './rule-timeline';
import type { ZoneCalendars } from './zone-calendar';

const DAY_MS = 86_400_000;

export interface ReplayRequest {
  fanId: number;
  /** Replay from here (ms; -Infinity: the whole life). */
  from: number;
}

const ms = (column: string) => sql.raw(`(extract(epoch from ${column}) * 1000)::float8`);
const stamp = (t: number) => (t === -Infinity ? '-infinity' : new Date(t).toISOString());

/**
 * Reads what replaying each fan from its `from` needs, in a few set-wise statements: the
 * engagements of the core window before `from` onwards (and of the first window), the
 * latest one before those, and every membership record, purchase and community arrival.
 * Fans with no fact yet (seen only as an inviter) are left out.
 */
export async function loadFanFacts(
  tx: Executor,
  requests: readonly ReplayRequest[],
  rules: RuleTimeline,
  calendars: ZoneCalendars,
): Promise<FanFacts[]> {
  if (requests.length === 0) return [];
  const lookBack = (rules.longestCoreWindowDays + 2) * DAY_MS;
  const ids = `{${requests.map((r) => r.fanId).join(',')}}`;
  const froms = `{${requests.map((r) => stamp(r.from)).join(',')}}`;
  const los = `{${requests.map((r) => stamp(r.from - lookBack)).join(',')}}`;
  const firstWindow = sql`${rules.longestNewWindowDays}::int * interval '24 hours'`;
  const asked = sql`(
    select q.fan_id, q.from_at, q.lo, f.first_seen_at as joined_at
    from unnest(${ids}::bigint[], ${froms}::timestamptz[], ${los}::timestamptz[]) q(fan_id, from_at, lo)
    join fans f on f.id = q.fan_id
    where f.first_seen_at is not null)`;

  // The stage before `from` and when it began: a fan's row in fan_lifecycle when its last
  // change (`since`, never earlier than the history's last) is before `from`, as for
  // nearly every live fact; else the history's latest change before `from`.
  const fans = await tx.execute<{
    fan_id: string;
    joined: number;
    prev: Stage | null;
    prev_at: number | null;
    changes_from: boolean;
  }>(sql`
    select q.fan_id::text, ${ms('q.joined_at')} as joined,
      case when l.since < q.from_at then false else exists (
        select from fan_stage_history x where x.fan_id = q.fan_id and x.changed_at >= q.from_at)
      end as changes_from,
      case when l.since < q.from_at then l.stage else h.to_stage end as prev,
      case when l.since < q.from_at then ${ms('l.since')} else ${ms('h.changed_at')} end as prev_at
    from ${asked} q
    left join fan_lifecycle l on l.fan_id = q.fan_id
    left join lateral (
      select h.to_stage, h.changed_at from fan_stage_history h
      where not coalesce(l.since < q.from_at, false)
        and h.fan_id = q.fan_id and h.changed_at < q.from_at
      order by h.changed_at desc, h.id desc limit 1) h on true`);

  // A fan's events are read by fan in the index's order, index-only ((fan, community,
  // time) with the type): a whole life, or from a later point the days it needs. Before
  // `from` a replay needs only how many engagements (and messages) there were per calendar
  // day of the core window, and per first window of the rules, so those come counted, a
  // row per day and window. The days of the others are worked out here, from the same
  // midnights Postgres has, sparing the server a zone conversion per row.
  const longest = sql`q.joined_at + ${firstWindow}`;
  const firstWindowOf = sql`case ${sql.join(
    rules.newWindowDays.map(
      (days, i) =>
        sql`when e.occurred_at < q.joined_at + ${days}::int * interval '24 hours' then ${i}::int`,
    ),
    sql` `,
  )} else ${rules.newWindowDays.length}::int end`;
  const counted = sql`count(*)::int, (count(*) filter (where e.type in ('message', 'reply')))::int`;
  const engagements = await tx.execute<{
    fan_id: string;
    at: number;
    community_id: string;
    count: number;
    messages: number;
    day: string | null;
  }>(sql`
    select q.fan_id::text, ${ms('e.occurred_at')} as at, e.community_id::text, 1 as count,
      (e.type in ('message', 'reply'))::int as messages, null as day
    from ${asked} q join events e on e.fan_id = q.fan_id
    where e.occurred_at >= q.from_at
    union all
    select q.fan_id::text, max(${ms('e.occurred_at')}), e.community_id::text, ${counted},
      ((e.occurred_at at time zone c.time_zone)::date - date '1970-01-01')::text
    from ${asked} q join events e on e.fan_id = q.fan_id
    join communities c on c.id = e.community_id
    where e.occurred_at >= q.lo and e.occurred_at < q.from_at
    group by q.fan_id, e.community_id, (e.occurred_at at time zone c.time_zone)::date,
      ${firstWindowOf}
    union all
    select q.fan_id::text, max(${ms('e.occurred_at')}), e.community_id::text, ${counted}, null
    from ${asked} q join events e on e.fan_id = q.fan_id
    where e.occurred_at < least(q.lo, ${longest})
    group by q.fan_id, e.community_id, ${firstWindowOf}`);

  const earlier = await tx.execute<{ fan_id: string; at: number }>(sql`
    select q.fan_id::text, max(${ms('e.occurred_at')}) as at
    from ${asked} q join events e on e.fan_id = q.fan_id and e.occurred_at < q.lo
    where q.lo > '-infinity'
    group by q.fan_id`);

  const records = await tx.execute<{
    fan_id: string;
    at: number;
    community_id: string;
    leave: boolean;
  }>(sql`
    select m.fan_id::text, ${ms('m.occurred_at')} as at, m.community_id::text,
      m.action = 'leave' as leave
    from memberships m where m.fan_id = any(${ids}::bigint[])
    order by m.fan_id, m.occurred_at, m.id`);

  const purchases = await tx.execute<{
    fan_id: string;
    at: number;
    cents: string;
    community_id: string | null;
  }>(sql`
    select p.fan_id::text, ${ms('p.occurred_at')} as at,
      coalesce(round(p.base_amount * 100), 0)::text as cents, p.community_id::text
    from purchases p where p.fan_id = any(${ids}::bigint[])
    order by p.fan_id, p.occurred_at, p.id`);

  // Where the fan first appears: as the history has it (every fact before `from` was
  // there when the fan was last replayed), moved earlier by the facts read here. A fan the
  // history has no arrival for is read from the per-day rollup instead.
  const present = await tx.execute<{ fan_id: string; community_id: string; at: number }>(sql`
    select fan_id::text, community_id::text, ${ms('present_from')} as at
    from fan_presence where fan_id = any(${ids}::bigint[])`);
  const arrived = new Set(present.map((p) => p.fan_id));
  const unknown = requests.filter((r) => r.from !== -Infinity && !arrived.has(String(r.fanId)));
  const arrivals = await tx.execute<{ fan_id: string; community_id: string; at: number }>(sql`
    select fan_id::text, community_id::text, ${ms('min(first_at)')} as at
    from fan_daily where fan_id = any(${`{${unknown.map((r) => r.fanId).join(',')}}`}::bigint[])
    group by fan_id, community_id`);

  const fromOf = new Map(requests.map((r) => [r.fanId, r.from]));
  const byFan = new Map<number, FanFacts>();
  for (const f of fans) {
    const fanId = Number(f.fan_id);
    byFan.set(fanId, {
      fanId,
      joinedAt: Number(f.joined),
      from: fromOf.get(fanId)!,
      stageBefore: f.prev,
      engagements: [],
      earlierEngagement: null,
      memberships: [],
      purchases: [],
      presence: new Map(),
      recorded: {
        changesFrom: f.changes_from,
        stageSince: f.prev_at === null ? null : Number(f.prev_at),
        presence: new Map(),
      },
    });
  }
  for (const p of present)
    byFan.get(Number(p.fan_id))?.recorded.presence.set(Number(p.community_id), Number(p.at));
  const arrive = (facts: FanFacts, community: number, at: number) => {
    const known = facts.presence.get(community);
    if (known === undefined || at < known) facts.presence.set(community, at);
  };
  for (const e of engagements) {
    const at = Number(e.at);
    const community = Number(e.community_id);
    byFan.get(Number(e.fan_id))?.engagements.push({
      at,
      community,
      count: Number(e.count),
      messages: Number(e.messages),
      day: e.day === null ? calendars.of(community).dayOf(at) : Number(e.day),
    });
  }
  for (const facts of byFan.values()) {
    facts.engagements.sort((a, b) => a.at - b.at);
    // A row that counts several engagements is later than the first of them, which the
    // history's arrival already covers.
    for (const e of facts.engagements) arrive(facts, e.community, e.at);
    if (facts.from !== -Infinity)
      for (const [community, at] of facts.recorded.presence) arrive(facts, community, at);
  }
  for (const e of earlier) {
    const facts = byFan.get(Number(e.fan_id));
    if (facts) facts.earlierEngagement = Number(e.at);
  }
  for (const r of records) {
    const facts = byFan.get(Number(r.fan_id));
    if (!facts) continue;
    const community = Number(r.community_id);
    facts.memberships.push({ at: Number(r.at), community, leave: r.leave });
    arrive(facts, community, Number(r.at));
  }
  for (const p of purchases) {
    const facts = byFan.get(Number(p.fan_id));
    if (!facts) continue;
    const community = p.community_id === null ? null : Number(p.community_id);
    facts.purchases.push({ at: Number(p.at), cents: Number(p.cents), community });
    if (community !== null) arrive(facts, community, Number(p.at));
  }
  for (const a of arrivals) {
    const facts = byFan.get(Number(a.fan_id));
    if (facts) arrive(facts, Number(a.community_id), Number(a.at));
  }
  return [...byFan.values()];
}
