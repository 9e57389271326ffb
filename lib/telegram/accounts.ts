import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client';
import { recordAudit } from '../audit/record-audit';
import { ingestBatch } from '../ingest';
import type { FactOf } from '../ingest/facts';
import { openSecret, sealSecret } from '../secrets/secret-box';

// The Telegram user accounts the worker syncs with, their encrypted sessions, and which
// communities each one syncs.

export interface SyncAccount {
  id: number;
  label: string;
  communities: { telegramId: number; kind: 'channel' | 'group' | 'supergroup' }[];
}

/** Stores a signed-in account's session, encrypted; audited (from the CLI: no user). */
export async function saveAccount(
  db: Database,
  account: { label: string; phone: string | null; session: string },
  appSecret: string,
): Promise<number> {
  return db.transaction(async (tx) => {
    const [row] = await tx.execute<{ id: number }>(sql`
      insert into telegram_accounts (label, kind, phone, session_ciphertext)
      values (${account.label}, 'user', ${account.phone},
        ${sealSecret('telegram-session', account.session, appSecret)})
      returning id`);
    const id = Number(row!.id);
    await recordAudit(tx, {
      actorUserId: null,
      action: 'telegram_account.add',
      entity: 'telegram_account',
      entityId: id,
      after: { label: account.label },
    });
    return id;
  });
}

/** Adds (or updates) a community and has this account's worker sync it. */
export async function trackCommunity(
  db: Database,
  accountId: number,
  community: FactOf<'community'>,
): Promise<void> {
  await db.transaction(async (tx) => {
    await ingestBatch(tx, [community]);
    await tx.execute(sql`update communities set synced_by_account_id = ${accountId}
      where telegram_id = ${community.telegramId}`);
    await recordAudit(tx, {
      actorUserId: null,
      action: 'community.track',
      entity: 'community',
      entityId: community.telegramId,
      after: { accountId, title: community.title, type: community.type },
    });
  });
}

/** Active accounts and the communities each syncs (sessions stay encrypted). */
export async function syncAccounts(db: Executor): Promise<SyncAccount[]> {
  const rows = await db.execute<{
    id: number;
    label: string;
    communities: SyncAccount['communities'] | null;
  }>(sql`
    select a.id, a.label,
      (select json_agg(json_build_object('telegramId', c.telegram_id, 'kind', c.kind) order by c.id)
       from communities c where c.synced_by_account_id = a.id) as communities
    from telegram_accounts a
    where a.kind = 'user' and a.status = 'active'
    order by a.id`);
  return rows.map((r) => ({ id: Number(r.id), label: r.label, communities: r.communities ?? [] }));
}

/** An active account's session, decrypted to connect with; null once it has stopped. */
export async function accountSession(
  db: Executor,
  accountId: number,
  appSecret: string,
): Promise<string | null> {
  const [row] = await db.execute<{ session_ciphertext: Buffer }>(sql`
    select session_ciphertext from telegram_accounts where id = ${accountId} and status = 'active'`);
  return row ? openSecret('telegram-session', row.session_ciphertext, appSecret) : null;
}

/** A revoked or expired session: the account stops until someone signs in again. */
export async function stopAccount(db: Database, accountId: number, reason: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`update telegram_accounts set status = 'revoked', last_error = ${reason}
      where id = ${accountId}`);
    await recordAudit(tx, {
      actorUserId: null,
      action: 'telegram_account.stop',
      entity: 'telegram_account',
      entityId: accountId,
      after: { reason },
    });
  });
}
