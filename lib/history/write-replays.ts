import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { readShares, replaceShares } from './history-shares';
import type { Decision, FanFacts } from './replay-fan';

export interface ReplayedFan {
  facts: FanFacts;
  decisions: Decision[];
}

const stamp = (t: number) => (t === -Infinity ? '-infinity' : new Date(t).toISOString());
const idArray = (ids: readonly number[]) => sql`${`{${ids.join(',')}}`}::bigint[]`;

function samePresence(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): boolean {
  return a.size === b.size && [...a].every(([community, at]) => b.get(community) === at);
}

interface Row {
  fanId: number;
  d: Decision;
}

function rowsStatement(table: 'fan_stage_history' | 'fan_stage_pending', rows: Row[]): SQL {
  return sql`
    insert into ${sql.raw(table)} (fan_id, from_stage, to_stage, changed_at, rule_set_version, features)
    select r.fan_id, r.from_stage, r.to_stage, r.changed_at, r.version, r.features
    from rows from (
      unnest(${idArray(rows.map((r) => r.fanId))}),
      unnest(${`{${rows.map((r) => r.d.from ?? 'NULL').join(',')}}`}::lifecycle_stage[]),
      unnest(${`{${rows.map((r) => r.d.to).join(',')}}`}::lifecycle_stage[]),
      unnest(${`{${rows.map((r) => stamp(r.d.at)).join(',')}}`}::timestamptz[]),
      unnest(${`{${rows.map((r) => r.d.ruleSetVersion).join(',')}}`}::int[]),
      jsonb_array_elements(${JSON.stringify(rows.map((r) => r.d.features))}::jsonb)
    ) as r(fan_id, from_stage, to_stage, changed_at, version, features)
    order by r.fan_id, r.changed_at`;
}

/**
 * Replaces each replayed fan's history from its `from` on with the replay's: the moves up
 * to `asOf` into fan_stage_history, every decision after it into fan_stage_pending, its
 * arrivals into fan_presence, its share of the stage counts and growth rollups, and its row
 * in fan_lifecycle.
 */
export async function writeReplays(
  tx: Executor,
  replayed: readonly ReplayedFan[],
  asOf: number,
): Promise<{ moves: number }> {
  if (replayed.length === 0) return { moves: 0 };
  const ids = replayed.map((r) => r.facts.fanId);

  const history: Row[] = [];
  const pending: Row[] = [];
  const presence: { fanId: number; community: number; at: number }[] = [];
  const lifecycle: { fanId: number; d: Decision; since: number | null }[] = [];
  // Fans whose recorded history or arrivals change: most live facts only move a fan's
  // pending decisions, and its share of the stage counts stays as it is.
  const rewritten: ReplayedFan[] = [];
  for (const replay of replayed) {
    const { facts, decisions } = replay;
    let current: Decision | null = null;
    let since: number | null = null;
    const moves = history.length;
    for (const d of decisions) {
      if (d.at > asOf) pending.push({ fanId: facts.fanId, d });
      else {
        current = d;
        if (d.from !== d.to) {
          history.push({ fanId: facts.fanId, d });
          since = d.at;
        }
      }
    }
    // No move in this replay: the stage is the one before, entered when it was.
    if (current)
      lifecycle.push({ fanId: facts.fanId, d: current, since: since ?? facts.recorded.stageSince });
    if (
      facts.recorded.changesFrom ||
      history.length > moves ||
      !samePresence(facts.presence, facts.recorded.presence)
    ) {
      rewritten.push(replay);
      for (const [community, at] of facts.presence)
        presence.push({ fanId: facts.fanId, community, at });
    }
  }

  const rewrittenIds = rewritten.map((r) => r.facts.fanId);
  const changing = { ids: rewrittenIds, since: rewritten.map((r) => stamp(r.facts.from)) };
  const sharesBefore = await readShares(tx, changing);
  if (rewritten.length > 0) {
    await tx.execute(sql`
      delete from fan_stage_history h
      using unnest(${idArray(rewrittenIds)}, ${`{${rewritten.map((r) => stamp(r.facts.from)).join(',')}}`}::timestamptz[]) q(fan_id, from_at)
      where h.fan_id = q.fan_id and h.changed_at >= q.from_at`);
    await tx.execute(sql`delete from fan_presence where fan_id = any(${idArray(rewrittenIds)})`);
  }
  await tx.execute(sql`delete from fan_stage_pending where fan_id = any(${idArray(ids)})`);
  if (history.length > 0) await tx.execute(rowsStatement('fan_stage_history', history));
  if (pending.length > 0) await tx.execute(rowsStatement('fan_stage_pending', pending));
  if (presence.length > 0)
    await tx.execute(sql`
      insert into fan_presence (fan_id, community_id, present_from)
      select * from unnest(${idArray(presence.map((p) => p.fanId))},
        ${idArray(presence.map((p) => p.community))},
        ${`{${presence.map((p) => stamp(p.at)).join(',')}}`}::timestamptz[])
      order by 1, 2`);
  if (lifecycle.length > 0)
    await tx.execute(sql`
      insert into fan_lifecycle as l (fan_id, stage, rule, since, updated_at)
      select r.fan_id, r.stage, r.rule, r.since, ${stamp(asOf)}::timestamptz
      from unnest(${idArray(lifecycle.map((l) => l.fanId))},
        ${`{${lifecycle.map((l) => l.d.to).join(',')}}`}::lifecycle_stage[],
        ${`{${lifecycle.map((l) => l.d.rule).join(',')}}`}::text[],
        ${`{${lifecycle.map((l) => (l.since === null ? 'NULL' : stamp(l.since))).join(',')}}`}::timestamptz[])
        as r(fan_id, stage, rule, since)
      order by r.fan_id
      on conflict (fan_id) do update set stage = excluded.stage, rule = excluded.rule,
        since = excluded.since, updated_at = excluded.updated_at
      where (l.stage, l.rule, l.since) is distinct from (excluded.stage, excluded.rule, excluded.since)`);
  // Last: the stage count rows of a day are shared by every replay, so they stay locked
  // only from here to the commit.
  await replaceShares(tx, changing, sharesBefore);
  return { moves: history.length };
}

/**
 * Moves the pending decisions whose time has come by `asOf` into the history, each at its
 * own instant, with the stage counts, the growth rollups and fan_lifecycle. Returns the moves written.
 */
export async function promotePending(tx: Executor, asOf: number): Promise<number> {
  const at = sql`${stamp(asOf)}::timestamptz`;
  const due = await tx.execute<{ fan_id: string; since: string }>(sql`
    select fan_id::text, min(changed_at)::text as since from fan_stage_pending
    where changed_at <= ${at} group by fan_id`);
  if (due.length === 0) return 0;
  const changing = { ids: due.map((r) => Number(r.fan_id)), since: due.map((r) => r.since) };
  const sharesBefore = await readShares(tx, changing);
  const [row] = await tx.execute<{ moves: number }>(sql`
    with moved as (
      delete from fan_stage_pending where changed_at <= ${at} returning *
    ), written as (
      insert into fan_stage_history (fan_id, from_stage, to_stage, changed_at, rule_set_version,
        features)
      select fan_id, from_stage, to_stage, changed_at, rule_set_version, features from moved
      where from_stage is distinct from to_stage
      order by fan_id, changed_at
      returning 1
    ), latest as (
      select distinct on (fan_id) * from moved order by fan_id, changed_at desc
    ), changed as (
      select fan_id, max(changed_at) as at from moved
      where from_stage is distinct from to_stage group by fan_id
    ), updated as (
      update fan_lifecycle l set stage = x.to_stage, rule = x.features->>'rule',
        since = coalesce(c.at, l.since), updated_at = ${at}
      from latest x left join changed c on c.fan_id = x.fan_id
      where l.fan_id = x.fan_id
      returning 1
    )
    select (select count(*) from written)::int as moves, (select count(*) from updated)::int`);
  await replaceShares(tx, changing, sharesBefore);
  return row!.moves;
}
