import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { auditLog, users } from '../../db/schema/accounts';
import { useTestDb } from '../../db/testing/test-db';
import { createUser, verifyCredentials } from '../auth/users';
import { ingestBatch } from '../ingest';
import {
  getSyncStatus,
  listCommunitySettings,
  listTelegramAccounts,
  listUserSettings,
} from './queries';
import { compareStreams, describeStream, durationInUnit } from './sync-status';
import type { SyncStream } from './types';
import { addUser, changeUser, parseUserId, SettingsError } from './users';

const CHANNEL = -1009001;
const GROUP = -1009002;
const LONELY = -1009003;
const now = new Date('2026-11-20T12:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();

async function counts(db: Database) {
  const [row] = await db.execute<{ users: number; audits: number }>(
    sql`select (select count(*)::int from ${users}) as users, (select count(*)::int from ${auditLog}) as audits`,
  );
  return row;
}

async function refusal(promise: Promise<unknown>): Promise<SettingsError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SettingsError);
  return error as SettingsError;
}

describe('settings', () => {
  let db: Database;
  let channelId: number;
  let groupId: number;
  let lonelyId: number;
  let accountId: number;
  beforeAll(async () => {
    db = (await useTestDb()).db;
    await ingestBatch(db, [
      {
        kind: 'community',
        telegramId: CHANNEL,
        type: 'channel',
        title: 'Brand',
        username: 'brand',
        timeZone: 'Asia/Shanghai',
      },
      {
        kind: 'community',
        telegramId: GROUP,
        type: 'supergroup',
        title: 'Brand chat',
        linkedTelegramId: CHANNEL,
      },
      { kind: 'community', telegramId: LONELY, type: 'group', title: 'Lonely' },
    ]);
    const ids = await db.execute<{ id: number; telegram_id: number }>(
      sql`select id, telegram_id from communities`,
    );
    const idOf = (t: number) => Number(ids.find((r) => Number(r.telegram_id) === t)!.id);
    [channelId, groupId, lonelyId] = [idOf(CHANNEL), idOf(GROUP), idOf(LONELY)];
    const [account] = await db.execute<{ id: number }>(sql`
      insert into telegram_accounts (label, kind, phone, session_ciphertext, status, last_error)
      values ('brand-admin', 'user', '+8613800000000', '\\xdeadbeef'::bytea, 'error', 'AUTH_KEY_UNREGISTERED')
      returning id`);
    accountId = Number(account!.id);
    await db.execute(sql`insert into telegram_accounts (label, kind, session_ciphertext)
      values ('spare', 'user', '\\x00'::bytea)`);
    await db.execute(
      sql`update communities set synced_by_account_id = ${accountId} where id in (${channelId}, ${groupId})`,
    );
    await db.execute(sql`
      insert into sync_state (community_id, stream, progress_done, progress_total, last_run_at,
        last_success_at, last_error, flood_wait_until)
      values
        (${groupId}, 'views', 14, 14, ${minutesAgo(2)}, ${minutesAgo(2)}, null, ${minutesAgo(-30)}),
        (${groupId}, 'history', 2500, 10000, ${minutesAgo(1)}, ${minutesAgo(6)}, null, null),
        (${groupId}, 'admin_log', 0, null, ${minutesAgo(3)}, null, 'CHAT_ADMIN_REQUIRED', null),
        (${groupId}, 'demo', 0, null, ${minutesAgo(1)}, ${minutesAgo(1)}, null, null),
        (${channelId}, 'participants', 180, null, ${minutesAgo(1)}, ${minutesAgo(1)}, null, ${minutesAgo(5)})`);
  });

  it('lists communities with their linked chat both ways and the account that syncs them', async () => {
    expect(await listCommunitySettings(db)).toEqual([
      {
        id: channelId,
        title: 'Brand',
        kind: 'channel',
        username: 'brand',
        timeZone: 'Asia/Shanghai',
        linked: { id: groupId, title: 'Brand chat', kind: 'supergroup' },
        syncedBy: { id: accountId, label: 'brand-admin', status: 'error' },
      },
      {
        id: groupId,
        title: 'Brand chat',
        kind: 'supergroup',
        username: null,
        timeZone: 'UTC',
        linked: { id: channelId, title: 'Brand', kind: 'channel' },
        syncedBy: { id: accountId, label: 'brand-admin', status: 'error' },
      },
      {
        id: lonelyId,
        title: 'Lonely',
        kind: 'group',
        username: null,
        timeZone: 'UTC',
        linked: null,
        syncedBy: null,
      },
    ]);
  });

  it('lists Telegram accounts with status and last error, never the session or phone', async () => {
    const accounts = await listTelegramAccounts(db);
    expect(accounts).toEqual([
      {
        id: accountId,
        label: 'brand-admin',
        kind: 'user',
        status: 'error',
        lastError: 'AUTH_KEY_UNREGISTERED',
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
        communities: 2,
      },
      expect.objectContaining({
        label: 'spare',
        status: 'active',
        lastError: null,
        communities: 0,
      }),
    ]);
    const json = JSON.stringify(accounts);
    expect(json).not.toMatch(/session|deadbeef|8613800000000/i);
  });

  it('reads sync status per community, the worker streams first, as JSON-ready values', async () => {
    const status = await getSyncStatus(db, now);
    expect(status.now).toBe(now.toISOString());
    expect(status.communities.map((c) => [c.title, c.streams.map((s) => s.stream)])).toEqual([
      ['Brand', ['participants']],
      ['Brand chat', ['history', 'admin_log', 'views', 'demo']],
      ['Lonely', []],
    ]);
    const history = status.communities[1]!.streams[0]!;
    expect(history).toEqual({
      stream: 'history',
      progressDone: 2500,
      progressTotal: 10000,
      lastRunAt: minutesAgo(1),
      lastSuccessAt: minutesAgo(6),
      lastError: null,
      floodWaitUntil: null,
    });
    expect(JSON.parse(JSON.stringify(status))).toEqual(status);
  });

  it('describes a stream: percent, lag, flood wait and state', async () => {
    const streams = Object.fromEntries(
      (await getSyncStatus(db, now)).communities.flatMap((c) =>
        c.streams.map((s) => [`${c.title}/${s.stream}`, describeStream(s, now)]),
      ),
    );
    expect(streams['Brand chat/history']).toEqual({
      percent: 25,
      lagSeconds: 360,
      waitingUntil: null,
      state: 'ok',
    });
    expect(streams['Brand chat/admin_log']).toEqual({
      percent: null,
      lagSeconds: null,
      waitingUntil: null,
      state: 'error',
    });
    expect(streams['Brand chat/views']).toMatchObject({
      percent: 100,
      waitingUntil: new Date(minutesAgo(-30)),
      state: 'waiting',
    });
    // A flood wait that is over no longer shows.
    expect(streams['Brand/participants']).toMatchObject({ waitingUntil: null, state: 'ok' });

    const blank: SyncStream = {
      stream: 'history',
      progressDone: 12,
      progressTotal: 10,
      lastRunAt: null,
      lastSuccessAt: null,
      lastError: null,
      floodWaitUntil: null,
    };
    expect(describeStream(blank, now)).toMatchObject({ percent: 100, state: 'never' });
    expect(describeStream({ ...blank, progressTotal: 0, progressDone: 0 }, now).percent).toBe(100);
    expect(describeStream({ ...blank, progressTotal: 3, progressDone: 2 }, now).percent).toBe(66);
    expect(describeStream({ ...blank, lastSuccessAt: minutesAgo(-1) }, now).lagSeconds).toBe(0);
    expect(['views', 'demo', 'history', 'zzz', 'admin_log'].sort(compareStreams)).toEqual([
      'history',
      'admin_log',
      'views',
      'demo',
      'zzz',
    ]);
    expect([45, 600, 5 * 3600, 3 * 86_400].map(durationInUnit)).toEqual([
      { value: 45, unit: 'second' },
      { value: 10, unit: 'minute' },
      { value: 5, unit: 'hour' },
      { value: 3, unit: 'day' },
    ]);
  });

  describe('users', () => {
    let admin: number;
    let other: number;
    beforeAll(async () => {
      admin = (
        await createUser(db, {
          email: 'root@x.test',
          name: 'Root',
          role: 'admin',
          password: 'long enough pass',
        })
      ).id;
      other = (
        await createUser(db, {
          email: 'ops@x.test',
          name: 'Ops',
          role: 'operator',
          password: 'long enough pass',
        })
      ).id;
    });

    it('adds a user, audited with the acting admin, and lists it', async () => {
      const added = await addUser(
        db,
        { email: ' New@X.test ', name: 'Newt', role: 'support', password: 'ten chars!' },
        { actorUserId: admin },
      );
      expect(added).toEqual({
        id: expect.any(Number),
        email: 'new@x.test',
        name: 'Newt',
        role: 'support',
        disabled: false,
        createdAt: expect.any(String),
      });
      expect(await listUserSettings(db)).toContainEqual(added);
      const [audit] = await db
        .select()
        .from(auditLog)
        .where(
          sql`${auditLog.action} = 'user.create' and ${auditLog.entityId} = ${String(added.id)}`,
        );
      expect(audit).toMatchObject({ actorUserId: admin, after: { role: 'support' } });
    });

    it('refuses bad new users with a message per field, and changes nothing', async () => {
      const before = await counts(db);
      const bad = await refusal(
        addUser(
          db,
          { email: 'nope', name: '', role: 'owner', password: 'short' },
          { actorUserId: admin },
        ),
      );
      expect(bad.code).toBe('invalid');
      expect(Object.keys(bad.fields).sort()).toEqual(['email', 'name', 'password', 'role']);
      expect(bad.fields.password).toBe('must be at least 10 characters');
      expect((await refusal(addUser(db, 'x', { actorUserId: admin }))).code).toBe('invalid');
      expect((await refusal(addUser(db, null, { actorUserId: admin }))).code).toBe('invalid');
      const duplicate = await refusal(
        addUser(
          db,
          { email: 'NEW@x.test', name: 'Again', role: 'growth', password: 'long enough pass' },
          { actorUserId: admin },
        ),
      );
      expect(duplicate.code).toBe('duplicate_email');
      expect(await counts(db)).toEqual(before);
    });

    it('changes a role and disables / enables a user, each audited with the acting admin', async () => {
      const newt = (await listUserSettings(db)).find((u) => u.email === 'new@x.test')!;
      expect(
        await changeUser(db, newt.id, { role: 'growth' }, { actorUserId: admin }),
      ).toMatchObject({
        role: 'growth',
        disabled: false,
      });
      expect(
        await changeUser(db, newt.id, { disabled: true }, { actorUserId: admin }),
      ).toMatchObject({
        role: 'growth',
        disabled: true,
      });
      expect(await verifyCredentials(db, 'new@x.test', 'ten chars!')).toBeNull();
      // Asking for what already is writes nothing.
      const before = await counts(db);
      await changeUser(db, newt.id, { disabled: true }, { actorUserId: admin });
      await changeUser(db, newt.id, { role: 'growth' }, { actorUserId: admin });
      expect(await counts(db)).toEqual(before);
      await changeUser(db, newt.id, { disabled: false }, { actorUserId: admin });
      expect(await verifyCredentials(db, 'new@x.test', 'ten chars!')).toMatchObject({
        role: 'growth',
      });
      const audits = await db
        .select({
          action: auditLog.action,
          actor: auditLog.actorUserId,
          before: auditLog.before,
          after: auditLog.after,
        })
        .from(auditLog)
        .where(
          sql`${auditLog.entityId} = ${String(newt.id)} and ${auditLog.action} <> 'user.create'`,
        )
        .orderBy(auditLog.id);
      expect(audits).toEqual([
        {
          action: 'user.role',
          actor: admin,
          before: { role: 'support' },
          after: { role: 'growth' },
        },
        {
          action: 'user.disable',
          actor: admin,
          before: { disabled: false },
          after: { disabled: true },
        },
        {
          action: 'user.enable',
          actor: admin,
          before: { disabled: true },
          after: { disabled: false },
        },
      ]);
    });

    it('refuses disabling yourself and leaving no active admin, and changes nothing', async () => {
      const before = await counts(db);
      const self = await refusal(changeUser(db, admin, { disabled: true }, { actorUserId: admin }));
      expect(self).toMatchObject({
        code: 'self_disable',
        message: 'You cannot disable your own account',
      });
      const demote = await refusal(
        changeUser(db, admin, { role: 'growth' }, { actorUserId: admin }),
      );
      expect(demote.code).toBe('last_admin');
      expect(demote.message).toMatch(/last active admin/);
      // Another admin's request (here: the operator's id) may not disable the last one either.
      const disable = await refusal(
        changeUser(db, admin, { disabled: true }, { actorUserId: other }),
      );
      expect(disable.code).toBe('last_admin');
      expect(await counts(db)).toEqual(before);

      // With a second admin, the first may give up the role.
      await changeUser(db, other, { role: 'admin' }, { actorUserId: admin });
      await changeUser(db, admin, { role: 'operator' }, { actorUserId: admin });
      expect(
        (await listUserSettings(db)).filter((u) => u.role === 'admin').map((u) => u.id),
      ).toEqual([other]);
      // And the new admin may give it back.
      await changeUser(db, admin, { role: 'admin' }, { actorUserId: other });
      // A disabled admin does not count as one.
      await changeUser(db, other, { disabled: true }, { actorUserId: admin });
      const alone = await refusal(
        changeUser(db, admin, { role: 'growth' }, { actorUserId: admin }),
      );
      expect(alone.code).toBe('last_admin');
      await changeUser(db, other, { disabled: false }, { actorUserId: admin });
    });

    it('refuses malformed changes and unknown users', async () => {
      const before = await counts(db);
      for (const input of [
        {},
        { role: 'growth', disabled: true },
        { role: 'owner' },
        { disabled: 'yes' },
        { name: 'x' },
        null,
        'growth',
      ]) {
        const error = await refusal(changeUser(db, other, input, { actorUserId: admin }));
        expect(error.code).toBe('invalid');
        expect(error.message).toMatch(/^Invalid change: /);
      }
      expect(
        (await refusal(changeUser(db, 999_999, { role: 'growth' }, { actorUserId: admin }))).code,
      ).toBe('not_found');
      expect(await counts(db)).toEqual(before);
      expect(['1', '42', '0', '-1', '1.5', 'abc', '99999999999999999'].map(parseUserId)).toEqual([
        1,
        42,
        null,
        null,
        null,
        null,
        null,
      ]);
    });
  });
});
