import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Api, TelegramClient } from 'telegram';
import { Raw } from 'telegram/events';
import type { Database } from '../../db/client';
import type { TelegramConfig } from '../../lib/env';
import { accountSession, type SyncAccount } from '../../lib/telegram/accounts';
import { acquireLease, pauseAccount, releaseLeases, renewLeases } from './account-leases';
import type { Connect } from './connect-client';
import { AccountStoppedError } from './telegram-calls';

// This process's Telegram connections: one per account whose lease it holds, and none for
// the others, so a session is never on two connections at once (Telegram answers that with
// AUTH_KEY_DUPLICATED). A heartbeat renews the leases; an account whose lease is lost, or
// not renewed in time, is hung up at once and its running syncs are aborted.

export interface LeaseTiming {
  ttlSeconds: number;
  heartbeatMs: number;
}

/** Renewed every 15 s, a lease survives three missed heartbeats before it can be taken. */
export const LEASE_TIMING: LeaseTiming = { ttlSeconds: 60, heartbeatMs: 15_000 };

/** Thrown into the syncs of an account this process no longer holds. */
export class LeaseLostError extends Error {
  constructor(reason: string) {
    super(`this worker let the account go (${reason})`);
    this.name = 'LeaseLostError';
  }
}

/** An account this process holds: its connection and the syncs running on it. */
export interface HeldAccount {
  /** The account's client, connected on first use. */
  client(): Promise<TelegramClient>;
  /** Aborted when this process lets the account go. */
  signal: AbortSignal;
  /** Marks a community's sync as running here; false when one already runs. */
  begin(telegramId: number): boolean;
  end(telegramId: number): void;
}

export type AccountClaim =
  | { status: 'held'; account: HeldAccount }
  | { status: 'elsewhere' }
  | { status: 'paused'; until: Date };

export interface AccountConnections {
  readonly holder: string;
  /** Takes or renews the account's lease; only a held account may be connected. */
  claim(account: SyncAccount): Promise<AccountClaim>;
  /** Hangs up and gives the lease up (the account stopped). */
  release(accountId: number): Promise<void>;
  /** Hangs up and keeps every worker off the account for `seconds`. */
  pause(accountId: number, seconds: number): Promise<void>;
  /** Renews the leases (the heartbeat's work; tests call it directly). */
  heartbeat(): Promise<void>;
  /** Hangs up every account and gives the leases up, for a clean shutdown. */
  stop(): Promise<void>;
}

interface Entry extends HeldAccount {
  account: SyncAccount;
  /** Local time after which the lease may have lapsed unseen: let go. */
  deadline: number;
  letGo(reason: string): Promise<void>;
}

export function accountConnections(options: {
  db: Database;
  config: TelegramConfig;
  connect: Connect;
  onUpdate: (account: SyncAccount, update: Api.TypeUpdate) => void;
  timing?: LeaseTiming;
  holder?: string;
}): AccountConnections {
  const { db, timing = LEASE_TIMING } = options;
  const holder = options.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const held = new Map<number, Entry>();
  // Measured from before the query that set the expiry, less a heartbeat: always ahead of
  // the database's own expiry, whatever the clocks say.
  const ttlMs = timing.ttlSeconds * 1000;
  const deadlineFrom = (sentAt: number) => sentAt + ttlMs - Math.min(timing.heartbeatMs, ttlMs / 2);

  const entry = (account: SyncAccount, deadline: number): Entry => {
    const controller = new AbortController();
    const running = new Set<number>();
    let client: Promise<TelegramClient> | null = null;
    const connect = async () => {
      const session = await accountSession(db, account.id, options.config.appSecret);
      if (session === null) throw new AccountStoppedError('account stopped');
      controller.signal.throwIfAborted();
      const connected = await options.connect(options.config, session);
      if (controller.signal.aborted) {
        await connected.destroy();
        controller.signal.throwIfAborted();
      }
      connected.addEventHandler(
        (update: Api.TypeUpdate) => options.onUpdate(self.account, update),
        new Raw({}),
      );
      return connected;
    };
    const self: Entry = {
      account,
      deadline,
      signal: controller.signal,
      client() {
        if (!client) {
          const connecting = connect();
          // A failed connection is not kept: the next sync tries again.
          connecting.catch(() => {
            if (client === connecting) client = null;
          });
          client = connecting;
        }
        return client;
      },
      begin(telegramId) {
        if (running.has(telegramId)) return false;
        running.add(telegramId);
        return true;
      },
      end(telegramId) {
        running.delete(telegramId);
      },
      async letGo(reason) {
        if (held.get(account.id) === self) held.delete(account.id);
        if (controller.signal.aborted) return;
        controller.abort(new LeaseLostError(reason));
        // destroy, not disconnect: a disconnected GramJS client reconnects on its own.
        await client?.then((c) => c.destroy()).catch(() => {});
        console.log(`[telegram] account ${self.account.label} hung up: ${reason}`);
      },
    };
    return self;
  };

  let renewing = false;
  const connections: AccountConnections = {
    holder,
    async claim(account) {
      const sentAt = Date.now();
      const lease = await acquireLease(db, account.id, holder, timing.ttlSeconds);
      const current = held.get(account.id);
      if (current && !lease.held) await current.letGo('another worker holds it');
      else if (current && lease.paused) await current.letGo('paused');
      // Past our deadline the lease may have lapsed and changed hands: start afresh.
      else if (current && sentAt > current.deadline) await current.letGo('lease lapsed');
      if (lease.paused) return { status: 'paused', until: lease.pausedUntil! };
      if (!lease.held) return { status: 'elsewhere' };
      let mine = held.get(account.id);
      if (!mine) held.set(account.id, (mine = entry(account, deadlineFrom(sentAt))));
      mine.account = account;
      mine.deadline = Math.max(mine.deadline, deadlineFrom(sentAt));
      return { status: 'held', account: mine };
    },
    async release(accountId) {
      await held.get(accountId)?.letGo('released');
      await releaseLeases(db, holder, [accountId]);
    },
    async pause(accountId, seconds) {
      await pauseAccount(db, accountId, holder, seconds);
      await held.get(accountId)?.letGo(`paused for ${seconds} s`);
    },
    async heartbeat() {
      for (const mine of [...held.values()])
        if (Date.now() > mine.deadline) await mine.letGo('lease not renewed in time');
      if (renewing) return;
      renewing = true;
      try {
        const asked = [...held.values()];
        const sentAt = Date.now();
        const kept = new Set(
          await renewLeases(
            db,
            holder,
            asked.map((e) => e.account.id),
            timing.ttlSeconds,
          ),
        );
        for (const mine of asked)
          if (kept.has(mine.account.id)) mine.deadline = deadlineFrom(sentAt);
          else await mine.letGo('lease lost or account stopped');
      } catch (error) {
        console.error('[telegram] lease renewal failed:', (error as Error).message);
      } finally {
        renewing = false;
      }
    },
    async stop() {
      clearInterval(timer);
      const all = [...held.values()];
      await Promise.all(all.map((mine) => mine.letGo('worker stopping')));
      await releaseLeases(
        db,
        holder,
        all.map((e) => e.account.id),
      );
    },
  };
  const timer = setInterval(() => void connections.heartbeat(), timing.heartbeatMs);
  timer.unref();
  return connections;
}
