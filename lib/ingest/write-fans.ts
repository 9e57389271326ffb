import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { FactOf } from './facts';
import { epochTime, inlineNumbers } from './sql-arrays';
import { jsonRows, lastByKey } from './sql-json';

/** Telegram user id → earliest time of a fact of that fan in the batch (none: only named). */
export type FanSightings = Map<number, number | undefined>;

/** Notes that the batch names a fan, at a fact's time if it has one. */
export function sightFan(seen: FanSightings, telegramUserId: number, at?: Date): void {
  const time = at?.getTime();
  const known = seen.get(telegramUserId);
  // undefined is "named, time unknown" or "not named yet": a time replaces either.
  if (known === undefined || (time !== undefined && time < known)) seen.set(telegramUserId, time);
}

/**
 * Makes sure every fan the batch mentions exists (a message may name a sender we have no
 * profile for yet), keeps first_seen_at the earliest fact time, and returns Telegram user
 * id → fan id. Profile facts are applied by {@link profileUpdate} in the facts statement.
 *
 * Fans already stored are only read, not locked: a batch's fans are nearly all known, and
 * first_seen_at moves only for the few whose fact here is earlier than any stored. New fans
 * and those few are written in Telegram id order, so concurrent batches never deadlock on
 * them. A fan another process added after this statement's snapshot is neither read nor
 * added here; those few go through the locking upsert, which sees them.
 */
export async function upsertFans(
  tx: Executor,
  firstSeen: FanSightings,
  communities: readonly number[],
): Promise<{ ids: Map<number, number>; created: number; communityIds: Map<number, number> }> {
  // The communities' ids ride along (one round trip less a batch).
  const communityRows = sql`
    select id, telegram_id, null::boolean as created, true as community from communities
    where telegram_id = any(${inlineNumbers(communities, 'bigint')})`;
  if (firstSeen.size === 0) {
    const rows =
      communities.length === 0
        ? []
        : await tx.execute<{ id: number; telegram_id: number }>(communityRows);
    return {
      ids: new Map(),
      created: 0,
      communityIds: new Map(rows.map((r) => [Number(r.telegram_id), Number(r.id)])),
    };
  }
  const seenAt = (id: number) => {
    const time = firstSeen.get(id);
    return time === undefined ? null : new Date(time);
  };

  const telegramIds = [...firstSeen.keys()].sort((a, b) => a - b);
  const rows = await tx.execute<{
    id: number;
    telegram_id: number;
    created: boolean;
    community: boolean;
  }>(sql`
    with r as (
      select telegram_user_id, ${epochTime(sql`seen_ms`)} as seen_at
      from unnest(${inlineNumbers(telegramIds, 'bigint')},
        ${inlineNumbers(
          telegramIds.map((id) => firstSeen.get(id)),
          'bigint',
        )})
        as r(telegram_user_id, seen_ms)
    ), known as (
      select f.id, f.telegram_user_id, f.first_seen_at
      from r join fans f on f.telegram_user_id = r.telegram_user_id
    ), added as (
      insert into fans (telegram_user_id, first_seen_at)
      select r.telegram_user_id, r.seen_at from r
      where not exists (select from known k where k.telegram_user_id = r.telegram_user_id)
      order by r.telegram_user_id
      on conflict (telegram_user_id) do nothing
      returning id, telegram_user_id
    ), earlier as (
      insert into fans as f (telegram_user_id, first_seen_at)
      select r.telegram_user_id, r.seen_at
      from r join known k on k.telegram_user_id = r.telegram_user_id
      where r.seen_at < k.first_seen_at or (k.first_seen_at is null and r.seen_at is not null)
      order by r.telegram_user_id
      on conflict (telegram_user_id) do update set first_seen_at = excluded.first_seen_at
        where excluded.first_seen_at < f.first_seen_at or f.first_seen_at is null
    )
    select id, telegram_user_id as telegram_id, true as created, false as community from added
    union all
    select id, telegram_user_id, false, false from known
    union all
    ${communityRows}`);
  const ids = new Map<number, number>();
  const communityIds = new Map<number, number>();
  let created = 0;
  for (const r of rows) {
    (r.community ? communityIds : ids).set(Number(r.telegram_id), Number(r.id));
    if (r.created) created += 1;
  }

  const missed = telegramIds.filter((id) => !ids.has(id));
  if (missed.length > 0) {
    const late = await upsertFansLocking(
      tx,
      missed.map((id) => ({ telegram_user_id: id, seen_at: seenAt(id) })),
    );
    for (const [telegramId, id] of late.ids) ids.set(telegramId, id);
    created += late.created;
  }

  return { ids, created, communityIds };
}

/** Upserts fans under row locks and reads their ids: sees fans other processes just added. */
async function upsertFansLocking(
  tx: Executor,
  seenRows: { telegram_user_id: number; seen_at: Date | null }[],
): Promise<{ ids: Map<number, number>; created: number }> {
  const inserted = await tx.execute<{ created: boolean }>(sql`
    insert into fans (telegram_user_id, first_seen_at)
    select r.telegram_user_id, r.seen_at
    from jsonb_to_recordset(${jsonRows(seenRows)}) as r(telegram_user_id bigint, seen_at timestamptz)
    order by r.telegram_user_id
    on conflict (telegram_user_id) do update
      set first_seen_at = least(fans.first_seen_at, excluded.first_seen_at)
      where excluded.first_seen_at < fans.first_seen_at
        or (fans.first_seen_at is null and excluded.first_seen_at is not null)
    returning xmax = 0 as created`);
  const idRows = await tx.execute<{ id: number; telegram_user_id: number }>(sql`
    select f.id, f.telegram_user_id from fans f
    where f.telegram_user_id in
      (select jsonb_array_elements_text(${jsonRows(seenRows.map((r) => r.telegram_user_id))})::bigint)`);
  return {
    ids: new Map(idRows.map((r) => [Number(r.telegram_user_id), Number(r.id)])),
    created: inserted.filter((r) => r.created).length,
  };
}

/**
 * The profile facts' update, CTEs for the batch's facts statement (the fans exist by then;
 * `profiles` counts the fans changed). The last fact per fan wins, and a missing field
 * means "not told", so it keeps what we know. The fans are locked in Telegram id order
 * first, so two batches updating the same fans wait for each other, never deadlock.
 */
export function profileUpdate(profiles: FactOf<'fan'>[]): SQL[] {
  const rows = lastByKey(profiles, (p) => p.telegramUserId).map((p) => ({
    telegram_user_id: p.telegramUserId,
    username: p.username ?? null,
    first_name: p.firstName ?? null,
    last_name: p.lastName ?? null,
    language_code: p.languageCode ?? null,
    is_bot: p.isBot ?? null,
  }));
  return [
    sql`profile_in as (
      select * from jsonb_to_recordset(${jsonRows(rows)}) as r(telegram_user_id bigint,
        username text, first_name text, last_name text, language_code text, is_bot boolean)
    )`,
    sql`profile_locked as (
      select f.id from fans f join profile_in r on r.telegram_user_id = f.telegram_user_id
      order by f.telegram_user_id
      for update of f
    )`,
    sql`profiles as (
      update fans f set
        username = coalesce(r.username, f.username),
        first_name = coalesce(r.first_name, f.first_name),
        last_name = coalesce(r.last_name, f.last_name),
        language_code = coalesce(r.language_code, f.language_code),
        is_bot = coalesce(r.is_bot, f.is_bot)
      from profile_in r
      where f.telegram_user_id = r.telegram_user_id
        and f.id in (select id from profile_locked)
        and (f.username, f.first_name, f.last_name, f.language_code, f.is_bot) is distinct from
          (coalesce(r.username, f.username), coalesce(r.first_name, f.first_name),
           coalesce(r.last_name, f.last_name), coalesce(r.language_code, f.language_code),
           coalesce(r.is_bot, f.is_bot))
      returning 1
    )`,
  ];
}
