import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { saveAccount, stopAccount } from '../../lib/telegram/accounts';
import { acquireLease, pauseAccount, releaseLeases, renewLeases } from './account-leases';

const secret = 's'.repeat(32);
let db: Database;
let url: string;
beforeAll(async () => {
  ({ db, url } = await useTestDb());
});

const newAccount = (label: string) =>
  saveAccount(db, { label, phone: null, session: `session-${label}` }, secret);

async function lapse(accountId: number) {
  await db.execute(sql`update telegram_account_leases set expires_at = now() - interval '1 second'
    where account_id = ${accountId}`);
}

describe("a Telegram account's lease", () => {
  it('goes to exactly one of two holders, and to exactly one of many claiming at once', async () => {
    const account = await newAccount('pair');
    expect((await acquireLease(db, account, 'worker-a', 60)).held).toBe(true);
    expect((await acquireLease(db, account, 'worker-b', 60)).held).toBe(false);
    // Its holder claiming again keeps it.
    expect((await acquireLease(db, account, 'worker-a', 60)).held).toBe(true);

    const crowded = await newAccount('crowd');
    const many = createDb({ url, max: 24 });
    try {
      const claims = await Promise.all(
        Array.from({ length: 24 }, (_, i) => acquireLease(many.db, crowded, `worker-${i}`, 60)),
      );
      expect(claims.filter((c) => c.held)).toHaveLength(1);
    } finally {
      await many.close();
    }
    const [row] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from telegram_account_leases where account_id = ${crowded}`,
    );
    expect(row!.n).toBe(1);
  });

  it('goes to another holder once released or expired, and a pause outlives the holder', async () => {
    const account = await newAccount('handover');
    await acquireLease(db, account, 'worker-a', 60);
    await releaseLeases(db, 'worker-b', [account]); // not its lease: nothing happens
    expect((await acquireLease(db, account, 'worker-b', 60)).held).toBe(false);
    await releaseLeases(db, 'worker-a', [account]);
    expect((await acquireLease(db, account, 'worker-b', 60)).held).toBe(true);

    await lapse(account);
    const takeover = await acquireLease(db, account, 'worker-c', 60);
    expect(takeover).toEqual({ held: true, paused: false, pausedUntil: null });

    expect(await pauseAccount(db, account, 'worker-b', 600)).toBeNull(); // not the holder
    expect(await pauseAccount(db, account, 'worker-c', 600)).toBeInstanceOf(Date);
    await lapse(account);
    const afterPause = await acquireLease(db, account, 'worker-d', 60);
    expect(afterPause.held).toBe(true);
    expect(afterPause.paused).toBe(true);
    expect(afterPause.pausedUntil!.getTime()).toBeGreaterThan(Date.now() + 500_000);
    // Someone else's claim also learns of the pause.
    expect(await acquireLease(db, account, 'worker-e', 60)).toMatchObject({
      held: false,
      paused: true,
    });
  });

  it('is renewed only by its holder, while it is live and the account active', async () => {
    const [one, two] = [await newAccount('renew-1'), await newAccount('renew-2')];
    await acquireLease(db, one, 'worker-a', 60);
    await acquireLease(db, two, 'worker-a', 60);
    expect(await renewLeases(db, 'worker-b', [one, two], 60)).toEqual([]);
    expect((await renewLeases(db, 'worker-a', [one, two], 60)).sort()).toEqual([one, two].sort());

    await lapse(one);
    await stopAccount(db, two, 'AUTH_KEY_UNREGISTERED');
    expect(await renewLeases(db, 'worker-a', [one, two], 60)).toEqual([]);
  });
});
