import bigInt from 'big-integer';
import { sql } from 'drizzle-orm';
import { Api } from 'telegram';
import { RPCError } from 'telegram/errors';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { saveAccount, trackCommunity } from '../../lib/telegram/accounts';
import { createQueues } from '../core/register-jobs';
import { lifecycleRefreshJob } from '../lifecycle';
import { startQueue } from '../queue';
import { telegramSyncJob } from './sync-job';
import { SessionInUseError } from './telegram-calls';
import { BOT_API_ID, fakeCommunity, type FakeTelegram } from './testing/fake-chat';
import { leaseWorker, testConfig } from './testing/lease-worker';

const request = new Api.messages.GetHistory({
  peer: new Api.InputPeerEmpty(),
  offsetId: 0,
  offsetDate: 0,
  addOffset: 0,
  limit: 100,
  maxId: 0,
  minId: 0,
  hash: bigInt(0),
});

/** A queue on the test database, and an account that syncs the fake chat. */
async function syncedAccount({ db, url }: { db: Database; url: string }) {
  const boss = await startQueue(url);
  afterAll(() => boss.stop({ graceful: false, wait: true }));
  await createQueues(boss, [telegramSyncJob, lifecycleRefreshJob]);
  const account = await saveAccount(
    db,
    { label: 'brand', phone: null, session: 'stored-session' },
    testConfig.appSecret,
  );
  await trackCommunity(db, account, {
    kind: 'community',
    telegramId: BOT_API_ID,
    type: 'supergroup',
    title: 'Fake group',
  });
  const history = async () => {
    const [row] = await db.execute<{ last_error: string | null; synced: boolean }>(sql`
      select last_error, last_success_at is not null as synced from sync_state
      where stream = 'history'`);
    return row;
  };
  const lease = async () => {
    const [row] = await db.execute<{ holder: string; live: boolean; paused: boolean }>(sql`
      select holder, expires_at > now() as live, coalesce(paused_until > now(), false) as paused
      from telegram_account_leases where account_id = ${account}`);
    return row;
  };
  const status = async () => {
    const [row] = await db.execute<{ status: string }>(
      sql`select status from telegram_accounts where id = ${account}`,
    );
    return row!.status;
  };
  const handedBack = async () => {
    const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from pgboss.job
      where name = 'telegram-sync' and state = 'created' and start_after > now() + interval '5 seconds'`);
    return row!.n;
  };
  return { db, boss, account, history, lease, status, handedBack };
}

/** A fake chat whose every answer waits until `open`, counting the calls. */
function gatedTelegram() {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let calls = 0;
  return {
    open,
    calls: () => calls,
    async called() {
      while (calls === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    },
    prepare(telegram: FakeTelegram) {
      const invoke = telegram.client.invoke.bind(telegram.client);
      telegram.client.invoke = (async (req: Parameters<typeof invoke>[0]) => {
        calls++;
        await gate;
        return invoke(req);
      }) as typeof invoke;
    },
  };
}

describe("an account's syncs, run only by the worker that holds its lease", () => {
  it('connects and syncs in the holder only; another worker hands the job back for it', async () => {
    const { db, boss, account, history, lease, handedBack } = await syncedAccount(
      await useTestDb(),
    );
    const a = leaseWorker(db, boss, 'worker-a');
    const b = leaseWorker(db, boss, 'worker-b');
    await Promise.all([a.sync(account, fakeCommunity), b.sync(account, fakeCommunity)]);
    expect(a.connects + b.connects).toBe(1);
    const holder = a.connects === 1 ? a : b;
    const other = holder === a ? b : a;
    expect((await lease())!.holder).toBe(holder.accounts.holder);
    expect((await history())!.synced).toBe(true);
    expect(await handedBack()).toBe(1);

    await other.sync(account, fakeCommunity);
    await holder.sync(account, fakeCommunity);
    expect([holder.connects, other.connects]).toEqual([1, 0]);
  });

  it('hangs up and aborts its syncs once another worker has taken the lease over', async () => {
    const { db, boss, account, lease } = await syncedAccount(await useTestDb());
    const a = leaseWorker(db, boss, 'worker-a');
    const b = leaseWorker(db, boss, 'worker-b');
    await a.sync(account, fakeCommunity);
    const claim = await a.accounts.claim({ id: account, label: 'brand', communities: [] });
    if (claim.status !== 'held') throw new Error('worker-a should hold the account');

    // worker-a stalled past its lease; worker-b took the account over.
    await db.execute(
      sql`update telegram_account_leases set expires_at = now() - interval '1 second'`,
    );
    await b.sync(account, fakeCommunity);
    expect(b.connects).toBe(1);
    expect((await lease())!.holder).toBe('worker-b');

    await a.accounts.heartbeat();
    expect(a.destroyed).toBe(1);
    expect(claim.account.signal.aborted).toBe(true);
    await a.sync(account, fakeCommunity);
    expect(a.connects).toBe(1);
  });

  it('runs one sync of a community at a time, even when pg-boss retries a run that outlived its expiry', async () => {
    const { db, boss, account } = await syncedAccount(await useTestDb());
    const gated = gatedTelegram();
    const a = leaseWorker(db, boss, 'worker-a', { prepare: gated.prepare });
    const first = a.sync(account, fakeCommunity);
    await gated.called();
    await a.sync(account, fakeCommunity); // the retry: returns while the first still runs
    expect(gated.calls()).toBe(1);
    gated.open();
    await first;
  });

  it('stops a running sync once its worker lost the lease: no more calls, nothing stored, no error', async () => {
    const { db, boss, account, history } = await syncedAccount(await useTestDb());
    const gated = gatedTelegram();
    const a = leaseWorker(db, boss, 'worker-a', { prepare: gated.prepare, messages: 300 });
    const b = leaseWorker(db, boss, 'worker-b', { messages: 300 });
    const stalled = a.sync(account, fakeCommunity);
    await gated.called();

    await db.execute(
      sql`update telegram_account_leases set expires_at = now() - interval '1 second'`,
    );
    await b.sync(account, fakeCommunity);
    await a.accounts.heartbeat();
    gated.open(); // Telegram answers worker-a's first call only now
    await stalled;

    expect(gated.calls()).toBe(1);
    expect(await history()).toEqual({ last_error: null, synced: true });
    const [state] = await db.execute<{ cursor: unknown }>(
      sql`select cursor from sync_state where stream = 'history'`,
    );
    expect(state!.cursor).toEqual({ backfilled: true, newestId: 300 });
  });

  it('takes AUTH_KEY_DUPLICATED as a session in use elsewhere: recorded, hung up, paused, not stopped', async () => {
    const { db, boss, account, history, lease, status, handedBack } = await syncedAccount(
      await useTestDb(),
    );
    const a = leaseWorker(db, boss, 'worker-a', {
      prepare: (telegram) => telegram.failOn(1, new RPCError('AUTH_KEY_DUPLICATED', request, 406)),
    });
    await a.sync(account, fakeCommunity);

    expect(await status()).toBe('active');
    expect((await history())!.last_error).toMatch(/AUTH_KEY_DUPLICATED/);
    expect(await lease()).toMatchObject({ holder: 'worker-a', paused: true });
    expect(a.destroyed).toBe(1);

    // Backing off: neither this worker nor another connects it, nor hands jobs around.
    const b = leaseWorker(db, boss, 'worker-b');
    await a.sync(account, fakeCommunity);
    await b.sync(account, fakeCommunity);
    expect([a.connects, b.connects]).toEqual([1, 0]);
    expect(await handedBack()).toBe(0);
  });

  it('also when Telegram says so as the session is checked on connecting', async () => {
    const { db, boss, account, history, lease, status } = await syncedAccount(await useTestDb());
    const a = leaseWorker(db, boss, 'worker-a', {
      connect: async () => {
        throw new SessionInUseError();
      },
    });
    await a.sync(account, fakeCommunity);
    expect(await status()).toBe('active');
    expect((await history())!.last_error).toMatch(/AUTH_KEY_DUPLICATED/);
    expect((await lease())!.paused).toBe(true);
  });

  it('stops the account on a revoked session and gives its lease up', async () => {
    const { db, boss, account, lease, status } = await syncedAccount(await useTestDb());
    const a = leaseWorker(db, boss, 'worker-a', {
      prepare: (telegram) =>
        telegram.failOn(1, new RPCError('AUTH_KEY_UNREGISTERED', request, 401)),
    });
    await a.sync(account, fakeCommunity);
    expect(await status()).toBe('revoked');
    expect(await lease()).toMatchObject({ live: false, paused: false });
    expect(a.destroyed).toBe(1);
  });
});
