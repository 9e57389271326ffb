import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { recountCommunityShares, shareTables } from './history-shares';

/**
 * The version of the history replay. lifecycle_state records the one its rows came from; a
 * different one (or none, as after the migration that brought exact history) rebuilds
 * every fan's history from its facts.
 */
export const HISTORY_ENGINE = 2;

/** Empties everything the replay derives, before every fan is replayed from its start. */
export async function resetHistory(tx: Executor): Promise<void> {
  await tx.execute(
    sql.raw(
      `truncate fan_stage_history, fan_stage_pending, fan_presence, ${shareTables.join(', ')}, fan_lifecycle`,
    ),
  );
}

/** Queues every fan with a fact for a replay from `from` (null: from its first fact). */
export async function queueAllFans(tx: Executor, from: Date | null): Promise<number> {
  const rows = await tx.execute(sql`
    insert into lifecycle_dirty_fans as q (fan_id, earliest_at)
    select id, ${from ? from.toISOString() : '-infinity'}::timestamptz from fans
    where first_seen_at is not null
    order by id
    on conflict (fan_id) do update set earliest_at = least(q.earliest_at, excluded.earliest_at)
    returning 1`);
  return rows.length;
}

/**
 * Queues every fan of a community for a replay from its first fact, after its time zone
 * changed (its fan_daily rebuilt in the same transaction), and recounts that community's
 * stage counts per day and growth rollups from the history as it stands, in the new zone:
 * each replay then takes away its fan's old part and adds the new one, as ever.
 */
export async function queueCommunityReplay(tx: Executor, communityId: number): Promise<number> {
  const rows = await tx.execute(sql`
    insert into lifecycle_dirty_fans as q (fan_id, earliest_at)
    select fan_id, '-infinity'::timestamptz from (
      select fan_id from fan_presence where community_id = ${communityId}
      union
      select fan_id from fan_daily where community_id = ${communityId}
      union
      select fan_id from memberships where community_id = ${communityId}
    ) f
    order by fan_id
    on conflict (fan_id) do update set earliest_at = '-infinity'
    returning 1`);
  await recountCommunityShares(tx, communityId);
  return rows.length;
}

/** Fans still waiting for a history replay, in total and per community. */
export async function replayProgress(db: Executor): Promise<{
  queuedFans: number;
  byCommunity: { communityId: number; queuedFans: number; fans: number }[];
}> {
  const [total] = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from lifecycle_dirty_fans`,
  );
  // Polled while a rebuild runs: nothing to break down when nothing waits.
  if (total!.n === 0) return { queuedFans: 0, byCommunity: [] };
  const rows = await db.execute<{ community_id: string; queued: number; fans: number }>(sql`
    select p.community_id::text, count(q.fan_id)::int as queued, count(*)::int as fans
    from fan_presence p left join lifecycle_dirty_fans q on q.fan_id = p.fan_id
    group by p.community_id order by p.community_id`);
  return {
    queuedFans: total!.n,
    byCommunity: rows.map((r) => ({
      communityId: Number(r.community_id),
      queuedFans: r.queued,
      fans: r.fans,
    })),
  };
}
