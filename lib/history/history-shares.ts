import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';

/**
 * A rollup of the stage history kept as a sum of per-fan shares: `changes(fan_ids)` (a SQL
 * function in db/sql/functions) is those fans' share of `table`, keyed by community first.
 * A share may read only what the history replay itself replaces (fan_stage_history,
 * fan_presence) and the communities' time zones: ingest has already changed the facts by
 * the time a replay reads the share it takes away.
 */
interface Share {
  table: string;
  changes: string;
  keys: readonly (readonly [column: string, type: string])[];
  values: readonly string[];
  /** `changes` also takes each fan's `since`, to leave out what cannot change before it. */
  since?: true;
}

const outcomeValues = [
  'fans',
  'kept_7',
  'kept_30',
  'kept_90',
  'better_7',
  'better_30',
  'better_90',
];

// In the order every replay writes them, so two replays at once lock rows in one order.
const shares: readonly Share[] = [
  {
    table: 'stage_day_deltas',
    changes: 'stage_day_changes',
    keys: [
      ['community_id', 'bigint'],
      ['day', 'date'],
      ['stage', 'lifecycle_stage'],
    ],
    values: ['delta'],
  },
  {
    table: 'growth_join_days',
    changes: 'join_day_changes',
    keys: [
      ['community_id', 'bigint'],
      ['joined_day', 'date'],
    ],
    values: ['joined', 'reached_active', 'reached_core', 'reached_high_value'],
  },
  {
    table: 'growth_stage_outcome_deltas',
    changes: 'stage_outcome_changes',
    keys: [
      ['community_id', 'bigint'],
      ['monday', 'date'],
      ['stage', 'lifecycle_stage'],
    ],
    values: outcomeValues,
    since: true,
  },
  {
    table: 'growth_stage_month_deltas',
    changes: 'stage_month_changes',
    keys: [
      ['community_id', 'bigint'],
      ['month', 'date'],
      ['stage', 'lifecycle_stage'],
    ],
    values: ['fans'],
  },
];

/** Every table the shares add up in: a full rebuild empties them with the history. */
export const shareTables = shares.map((s) => s.table);

/** The fans' shares, as JSON, one per rollup in `shares`' order. */
export type Shares = readonly string[];

/**
 * Fans whose history and arrivals change, each from `since` on (-infinity: the whole of
 * it): the history replay's `from`, or a pending move's time.
 */
export interface ChangingFans {
  ids: readonly number[];
  since: readonly string[];
}

const idArray = (ids: readonly number[]) => sql`${`{${ids.join(',')}}`}::bigint[]`;
const keyList = (s: Share) => s.keys.map(([column]) => column).join(', ');
const shareOf = (s: Share, fans: ChangingFans) =>
  s.since
    ? sql`${sql.raw(s.changes)}(${idArray(fans.ids)}, ${`{${fans.since.map((t) => `"${t}"`).join(',')}}`}::timestamptz[])`
    : sql`${sql.raw(s.changes)}(${idArray(fans.ids)})`;

/** The fans' share of every rollup, as their history and arrivals stand now. */
export async function readShares(tx: Executor, fans: ChangingFans): Promise<Shares> {
  if (fans.ids.length === 0) return shares.map(() => '[]');
  const [row] = await tx.execute<Record<string, string>>(
    sql`select ${sql.join(
      shares.map(
        (s, i) =>
          sql`(select coalesce(json_agg(x), '[]')::text from ${shareOf(s, fans)} x) as ${sql.raw(`s${i}`)}`,
      ),
      sql`, `,
    )}`,
  );
  return shares.map((_, i) => row![`s${i}`]!);
}

/** The fans' share of one rollup (by its table), for the bench. */
export async function readShare(tx: Executor, table: string, fans: ChangingFans): Promise<number> {
  const share = shares.find((s) => s.table === table)!;
  const [row] = await tx.execute<{ n: number }>(
    sql`select count(*)::int as n from ${shareOf(share, fans)} x`,
  );
  return row!.n;
}

/**
 * Replaces the fans' share of every rollup (`before`, read before their history changed)
 * with their share now: one statement per rollup, each locking its rows in key order, so
 * two replays at once wait for each other there and never deadlock.
 */
export async function replaceShares(
  tx: Executor,
  fans: ChangingFans,
  before: Shares,
): Promise<void> {
  if (fans.ids.length === 0) return;
  for (const [i, s] of shares.entries()) {
    const keys = keyList(s);
    const columns = [...s.keys.map(([c, t]) => `${c} ${t}`), ...s.values.map((v) => `${v} bigint`)];
    await tx.execute(sql`
      insert into ${sql.raw(s.table)} as t (${sql.raw(`${keys}, ${s.values.join(', ')}`)})
      select ${sql.raw(`${keys}, ${s.values.map((v) => `sum(${v})`).join(', ')}`)} from (
        select ${sql.raw(`${keys}, ${s.values.join(', ')}`)}
        from ${shareOf(s, fans)}
        union all
        select ${sql.raw(`${keys}, ${s.values.map((v) => `-${v}`).join(', ')}`)}
        from jsonb_to_recordset(${before[i]!}::jsonb) as b(${sql.raw(columns.join(', '))})
      ) x
      group by ${sql.raw(keys)}
      having ${sql.raw(s.values.map((v) => `sum(${v}) <> 0`).join(' or '))}
      order by ${sql.raw(keys)}
      on conflict (${sql.raw(keys)}) do update
      set ${sql.raw(s.values.map((v) => `${v} = t.${v} + excluded.${v}`).join(', '))}`);
  }
}

/**
 * Recounts one community's rows of every rollup from the history as it stands, in its
 * time zone now (after the zone changed): the join days, and from when its fans count there.
 */
export async function recountCommunityShares(tx: Executor, communityId: number): Promise<void> {
  const fans = sql`array(select fan_id from fan_presence where community_id = ${communityId})`;
  for (const s of shares) {
    await tx.execute(sql`delete from ${sql.raw(s.table)} where community_id = ${communityId}`);
    await tx.execute(sql`
      insert into ${sql.raw(s.table)} (${sql.raw(`${keyList(s)}, ${s.values.join(', ')}`)})
      select ${sql.raw(`${keyList(s)}, ${s.values.join(', ')}`)}
      from ${sql.raw(s.changes)}(${fans})
      where community_id = ${communityId}
      order by ${sql.raw(keyList(s))}`);
  }
}
