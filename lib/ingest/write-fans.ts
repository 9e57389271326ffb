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
 * profile for yet) and keeps first_seen_at the earliest fact time. Returns how many fans
 * it created, and which of the batch's communities exist (Telegram chat id → id), so the
 * caller can refuse facts of unknown ones. The facts statement after it finds the fans by
 * Telegram id, so no ids need to come back here first.
 *
 * Fans already stored are only read, not locked: a batch's fans are nearly all known, and
 * first_seen_at moves only for the few whose fact here is earlier than any stored. New fans
 * and those few are written in Telegram id order, so concurrent batches never deadlock on
 * them. A fan another process added after this statement's snapshot conflicts on insert;
 * the update then takes the earlier first_seen_at of the two.
 */
export async function upsertFans(
  tx: Executor,
  firstSeen: FanSightings,
  communities: readonly number[],
): Promise<{ created: number; communityIds: Map<number, number> }> {
  const rows = await tx.execute<{ id: number | null; telegram_id: number | null; created: number }>(
    fansStatement(firstSeen, communities),
  );
  const communityIds = new Map<number, number>();
  let created = 0;
  for (const r of rows) {
    if (r.telegram_id !== null) communityIds.set(Number(r.telegram_id), Number(r.id));
    else created = Number(r.created);
  }
  return { created, communityIds };
}

function fansStatement(firstSeen: FanSightings, communities: readonly number[]): SQL {
  // The communities' ids ride along (one statement less a batch).
  const communityRows = sql`
    select id, telegram_id, 0 as created from communities
    where telegram_id = any(${inlineNumbers(communities, 'bigint')})`;
  if (firstSeen.size === 0) return communityRows;
  const telegramIds = [...firstSeen.keys()].sort((a, b) => a - b);
  return sql`
    with r as (
      select telegram_user_id, ${epochTime(sql`seen_ms`)} as seen_at
      from unnest(${inlineNumbers(telegramIds, 'bigint')},
        ${inlineNumbers(
          telegramIds.map((id) => firstSeen.get(id)),
          'bigint',
        )})
        as r(telegram_user_id, seen_ms)
    ), known as (
      select f.telegram_user_id, f.first_seen_at
      from r join fans f on f.telegram_user_id = r.telegram_user_id
    ), added as (
      insert into fans as f (telegram_user_id, first_seen_at)
      select r.telegram_user_id, r.seen_at from r
      where not exists (select from known k where k.telegram_user_id = r.telegram_user_id)
      order by r.telegram_user_id
      on conflict (telegram_user_id) do update
        set first_seen_at = least(f.first_seen_at, excluded.first_seen_at)
      returning xmax = 0 as created
    ), earlier as (
      insert into fans as f (telegram_user_id, first_seen_at)
      select r.telegram_user_id, r.seen_at
      from r join known k on k.telegram_user_id = r.telegram_user_id
      where r.seen_at < k.first_seen_at or (k.first_seen_at is null and r.seen_at is not null)
      order by r.telegram_user_id
      on conflict (telegram_user_id) do update set first_seen_at = excluded.first_seen_at
        where excluded.first_seen_at < f.first_seen_at or f.first_seen_at is null
    )
    select null::bigint as id, null::bigint as telegram_id,
      (select count(*) filter (where created) from added)::int as created
    union all
    ${communityRows}`;
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
