import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client';
import { recordAudit } from '../audit/record-audit';
import { queueCommunityReplay } from '../history/queue-replays';
import { fanDailyRows } from '../ingest/fan-daily-rows';
import type { TimeZoneOption, TimeZoneSaved } from '../settings/types';
import { CommunityError } from './errors';

// A community's time zone decides its calendar days: fan_daily's rows, so active days and
// the core window (DESIGN §5), and the stage history built on them. Changing it recounts
// the community's fan_daily from its events and queues its fans for a history replay, in
// the one transaction that stores the new zone. Plain functions over a passed-in db, free
// of `server-only`, so the route and `npm run communities` share them.

/**
 * The zones a community may take: Postgres's own list, without the posix/ and right/ copies
 * of the same zones and the tz database's internal entries.
 */
const knownZones = sql`
  select name, extract(epoch from utc_offset)::int as offset_seconds from pg_timezone_names
  where name !~ '^(posix|right)/' and name not in ('localtime', 'posixrules', 'Factory')`;

/** Every zone a community may take, by name. */
export async function listTimeZones(db: Executor): Promise<TimeZoneOption[]> {
  const rows = await db.execute<{ name: string; offset_seconds: number }>(
    sql`select * from (${knownZones}) z order by name collate "C"`,
  );
  return rows.map((r) => ({ name: r.name, offsetSeconds: Number(r.offset_seconds) }));
}

/**
 * The zone's name as Postgres spells it (`asia/shanghai` → `Asia/Shanghai`), or null when
 * Postgres does not know it.
 */
export async function resolveTimeZone(db: Executor, name: string): Promise<string | null> {
  const [row] = await db.execute<{ name: string }>(sql`
    select name from (${knownZones}) z where lower(name) = lower(${name})
    order by name = ${name} desc, name collate "C" limit 1`);
  return row?.name ?? null;
}

export type LockedCommunity = TimeZoneSaved['community'];

/**
 * Locks the community's row FOR UPDATE for the rest of the transaction: ingest takes each
 * community it writes into FOR KEY SHARE first (lib/ingest/lock-communities.ts), which this
 * lock excludes. So a batch into this community either committed before (its events are
 * recounted here) or waits until the new zone is committed (and counts its days in it).
 * Batches into other communities go on meanwhile.
 *
 * No deadlock: this is the change's first lock, and a batch takes its community locks
 * before it writes any fan_daily row (events and fan_daily have no foreign keys, so nothing
 * else in ingest locks the community). So while the change holds the community, no open
 * batch holds a fan_daily row of it; and a batch that waits for the change holds only its
 * erased-people advisory lock and the rows of communities it renamed, which the change
 * never asks for (had it renamed this one, the change would be the one waiting).
 */
export async function lockCommunity(tx: Executor, communityId: number): Promise<LockedCommunity> {
  const [row] = await tx.execute<{ id: number; title: string; time_zone: string }>(
    sql`select id, title, time_zone from communities where id = ${communityId} for update`,
  );
  if (!row) throw new CommunityError('not_found', `No community with id ${communityId}`);
  return { id: Number(row.id), title: row.title, timeZone: row.time_zone };
}

/**
 * Replaces the community's fan_daily rows with a recount of its events in the zone its
 * row has now (ingest's own roll-up, fan-daily-rows.ts). Events are never deleted (an
 * erasure only anonymises them), so the recount holds every engagement fan_daily held.
 * Call it with the community locked (lockCommunity). Returns the number of fan-days.
 */
export async function rebuildFanDaily(tx: Executor, communityId: number): Promise<number> {
  await tx.execute(sql`delete from fan_daily where community_id = ${communityId}`);
  // No (community, time) index on events (see db/schema/activity.ts): this reads them all,
  // once, for a change an admin makes rarely.
  const source = sql`(select fan_id, community_id, type, occurred_at from events
    where community_id = ${communityId})`;
  const [row] = await tx.execute<{ days: number }>(sql`
    with rebuilt as (
      insert into fan_daily (fan_id, community_id, day, engagements, messages, reactions,
        poll_votes, clicks, bot_actions, invites, first_at, last_at)
      ${fanDailyRows(source)}
      order by 1, 2, 3
      returning 1
    )
    select count(*)::int as days from rebuilt`);
  return Number(row?.days ?? 0);
}

export interface TimeZoneChange {
  communityId: number;
  timeZone: string;
  /** Who asked: null for the CLI. */
  actorUserId: number | null;
}

export type TimeZoneChangeResult = TimeZoneSaved;

/**
 * Within the caller's transaction: locks the community, stores the zone (already resolved
 * by resolveTimeZone), recounts fan_daily and writes the audit row. Everything of a zone
 * change but the history replay's queue, which setCommunityTimeZone adds.
 */
export async function applyTimeZone(
  tx: Executor,
  { communityId, timeZone, actorUserId }: TimeZoneChange,
): Promise<Omit<TimeZoneChangeResult, 'queuedFans'>> {
  const community = await lockCommunity(tx, communityId);
  const before = community.timeZone;
  if (before === timeZone) return { community, before, changed: false, fanDays: 0 };
  await tx.execute(sql`update communities set time_zone = ${timeZone} where id = ${communityId}`);
  const fanDays = await rebuildFanDaily(tx, communityId);
  await recordAudit(tx, {
    actorUserId,
    action: 'community.time_zone',
    entity: 'community',
    entityId: communityId,
    before: { timeZone: before },
    after: { timeZone },
  });
  return { community: { ...community, timeZone }, before, changed: true, fanDays };
}

const lockNotAvailable = (error: unknown): boolean =>
  error instanceof Error &&
  ((error as { code?: string }).code === '55P03' ||
    (error.cause as { code?: string } | undefined)?.code === '55P03');

/**
 * Sets a community's time zone: refuses a zone Postgres does not know (nothing changed),
 * does nothing for the zone it already has, and otherwise, in one transaction, stores it,
 * recounts the community's fan_daily, audits the change and queues the community's fans
 * for a history replay (which the lifecycle worker runs in the background).
 */
export async function setCommunityTimeZone(
  db: Database,
  change: TimeZoneChange,
): Promise<TimeZoneChangeResult> {
  const timeZone = await resolveTimeZone(db, change.timeZone);
  if (timeZone === null)
    throw new CommunityError(
      'unknown_time_zone',
      `Unknown time zone ${JSON.stringify(change.timeZone)}: use an IANA name such as Asia/Shanghai or UTC`,
      [
        {
          path: 'timeZone',
          code: 'unknown_time_zone',
          message: 'is not a time zone Postgres knows',
        },
      ],
    );
  try {
    return await db.transaction(async (tx) => {
      // The recount reads every event of the community: more than a page's statement may
      // take (lib/server/db.ts), and rare enough to be allowed it.
      await tx.execute(sql`set local statement_timeout = '10min'`);
      const applied = await applyTimeZone(tx, { ...change, timeZone });
      if (!applied.changed) return { ...applied, queuedFans: 0 };
      const queuedFans = await queueCommunityReplay(tx, change.communityId);
      return { ...applied, queuedFans };
    });
  } catch (error) {
    // The web pool's lock_timeout: a long batch into this community holds it.
    if (lockNotAvailable(error))
      throw new CommunityError(
        'community_busy',
        'The community is being written to (a sync or an import): try again in a minute',
      );
    throw error;
  }
}
