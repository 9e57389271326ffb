import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';

// telegram_account_leases: at most one worker process holds an account at a time, and only
// the holder connects it to Telegram. Times are the database's, so the clocks of the
// machines the workers run on do not matter.

const idArray = (ids: readonly number[]) => sql`${`{${ids.map(Number).join(',')}}`}::bigint[]`;

export interface Claim {
  /** This holder has the account until the lease's expiry. */
  held: boolean;
  /** Paused: no one connects the account before `pausedUntil`. */
  paused: boolean;
  pausedUntil: Date | null;
}

/**
 * Takes the account's lease when it is free, expired or already this holder's (then it is
 * renewed). Concurrent claims of a free lease: exactly one wins, the others wait on its
 * insert and then find a live lease of someone else.
 */
export async function acquireLease(
  db: Executor,
  accountId: number,
  holder: string,
  ttlSeconds: number,
): Promise<Claim> {
  const [row] = await db.execute<{
    held: boolean;
    paused: boolean;
    paused_until: string | null;
  }>(sql`
    with claimed as (
      insert into telegram_account_leases as l (account_id, holder, acquired_at, expires_at)
      values (${accountId}, ${holder}, now(), now() + make_interval(secs => ${ttlSeconds}))
      on conflict (account_id) do update set
        holder = excluded.holder,
        acquired_at = case when l.holder = excluded.holder and l.expires_at > now()
          then l.acquired_at else excluded.acquired_at end,
        expires_at = excluded.expires_at
      where l.expires_at <= now() or l.holder = excluded.holder
      returning l.paused_until
    )
    select true as held, coalesce(paused_until > now(), false) as paused, paused_until
    from claimed
    union all
    select false, coalesce(paused_until > now(), false), paused_until from telegram_account_leases
    where account_id = ${accountId} and not exists (select 1 from claimed)`);
  return {
    held: row?.held === true,
    paused: row?.paused === true,
    pausedUntil: row?.paused_until ? new Date(row.paused_until) : null,
  };
}

/**
 * Extends this holder's live leases on active accounts; returns the accounts still held.
 * A lease that expired, went to another holder or whose account stopped is not renewed.
 */
export async function renewLeases(
  db: Executor,
  holder: string,
  accountIds: readonly number[],
  ttlSeconds: number,
): Promise<number[]> {
  if (accountIds.length === 0) return [];
  const rows = await db.execute<{ account_id: number }>(sql`
    update telegram_account_leases l
    set expires_at = now() + make_interval(secs => ${ttlSeconds})
    from telegram_accounts a
    where a.id = l.account_id and a.status = 'active'
      and l.account_id = any(${idArray(accountIds)})
      and l.holder = ${holder} and l.expires_at > now()
    returning l.account_id`);
  return rows.map((r) => Number(r.account_id));
}

/** Gives the leases up at once (the row stays: a pause outlives its holder). */
export async function releaseLeases(
  db: Executor,
  holder: string,
  accountIds: readonly number[],
): Promise<void> {
  if (accountIds.length === 0) return;
  await db.execute(sql`
    update telegram_account_leases set expires_at = now()
    where account_id = any(${idArray(accountIds)})
      and holder = ${holder} and expires_at > now()`);
}

/** Keeps every worker off the account for `seconds`; only its holder may pause it. */
export async function pauseAccount(
  db: Executor,
  accountId: number,
  holder: string,
  seconds: number,
): Promise<Date | null> {
  const [row] = await db.execute<{ paused_until: string }>(sql`
    update telegram_account_leases
    set paused_until = now() + make_interval(secs => ${seconds})
    where account_id = ${accountId} and holder = ${holder}
    returning paused_until`);
  return row ? new Date(row.paused_until) : null;
}
