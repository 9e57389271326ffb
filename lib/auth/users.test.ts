import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { auditLog, users } from '../../db/schema/accounts';
import { useTestDb } from '../../db/testing/test-db';
import { UserError } from './errors';
import { verifyPassword } from './passwords';
import { findActiveUser, listUsers, verifyCredentials } from './user-queries';
import { changeOwnPassword, changeUser, createUser, endSessions, resetPassword } from './users';

const valid = {
  email: ' Ada@Example.COM ',
  name: 'Ada',
  password: 'long enough pass',
  role: 'growth' as const,
};

async function counts(db: Database) {
  const [row] = await db.execute<{ users: number; audits: number; versions: number }>(
    sql`select (select count(*)::int from ${users}) as users,
      (select count(*)::int from ${auditLog}) as audits,
      (select sum(session_version)::int from ${users}) as versions`,
  );
  return row;
}

async function refusal(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

const audits = (db: Database, id: number) =>
  db
    .select({
      action: auditLog.action,
      actor: auditLog.actorUserId,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .where(sql`${auditLog.entityId} = ${String(id)}`)
    .orderBy(auditLog.id);

const versionOf = async (db: Database, id: number) =>
  (await listUsers(db)).find((u) => u.id === id)!.sessionVersion;

describe('user administration (lib/auth/users.ts)', () => {
  let db: Database;
  let root: number;
  beforeAll(async () => {
    db = (await useTestDb()).db;
    root = (await createUser(db, { ...valid, email: 'root@x.test', role: 'admin' })).id;
  });

  it('creates a user with a hashed password and an audit row without it', async () => {
    const user = await createUser(db, valid, { actorUserId: root });
    expect(user).toMatchObject({
      email: 'ada@example.com',
      name: 'Ada',
      role: 'growth',
      disabled: false,
      sessionVersion: 1,
    });
    const [row] = await db
      .select()
      .from(users)
      .where(sql`${users.id} = ${user.id}`);
    expect(await verifyPassword(valid.password, row!.passwordHash)).toBe(true);
    const [audit] = await audits(db, user.id);
    expect(audit).toEqual({
      action: 'user.create',
      actor: root,
      before: null,
      after: { email: 'ada@example.com', name: 'Ada', role: 'growth' },
    });
    expect(JSON.stringify(audit)).not.toContain(valid.password);
  });

  it('refuses invalid input naming each field with its code, and changes nothing', async () => {
    const before = await counts(db);
    const bad = await refusal(
      createUser(db, { email: 'nope', name: '', role: 'owner' as never, password: 'short' }),
    );
    expect(bad).toMatchObject({ code: 'invalid', status: 400 });
    expect(bad.fields.map((f) => [f.path, f.code])).toEqual([
      ['email', 'invalid_format'],
      ['name', 'too_small'],
      ['password', 'too_small'],
      ['role', 'invalid_value'],
    ]);
    expect(bad.fields.find((f) => f.path === 'password')).toMatchObject({ minimum: 10 });
    for (const name of ['Nul\u0000name', 'Tab\tname', 'Bell\u0007', 'C1\u0085']) {
      const error = await refusal(createUser(db, { ...valid, email: 'nul@x.test', name }));
      expect(error.fields).toEqual([
        expect.objectContaining({ path: 'name', code: 'control_character' }),
      ]);
    }
    const long = await refusal(createUser(db, { ...valid, email: `${'a'.repeat(250)}@x.test` }));
    expect(long.fields).toEqual([expect.objectContaining({ path: 'email', code: 'too_big' })]);
    expect(await counts(db)).toEqual(before);
  });

  it('refuses an email that exists in any case, and one of two creations at once', async () => {
    const before = await counts(db);
    const taken = await refusal(createUser(db, { ...valid, email: 'ADA@example.com' }));
    expect(taken).toMatchObject({
      code: 'duplicate_email',
      status: 409,
      message: 'A user with the email ada@example.com already exists',
    });
    expect(await counts(db)).toEqual(before);
    const results = await Promise.allSettled(
      ['Twin@example.com', 'twin@EXAMPLE.com'].map((email) => createUser(db, { ...valid, email })),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it('a role change ends the sessions and is audited; the same role again writes nothing', async () => {
    const dora = await createUser(db, { ...valid, email: 'dora@x.test', role: 'support' });
    const changed = await changeUser(db, dora.id, { role: 'growth' }, { actorUserId: root });
    expect(changed).toMatchObject({ role: 'growth', sessionVersion: 2 });
    expect(await findActiveUser(db, dora.id)).toMatchObject({ role: 'growth', sessionVersion: 2 });
    const before = await counts(db);
    await changeUser(db, dora.id, { role: 'growth' }, { actorUserId: root });
    expect(await counts(db)).toEqual(before);
    expect((await audits(db, dora.id)).at(-1)).toEqual({
      action: 'user.role',
      actor: root,
      before: { role: 'support' },
      after: { role: 'growth' },
    });
  });

  it('disabling and enabling each end the sessions: an old session stays ended after enabling', async () => {
    const eve = await createUser(db, { ...valid, email: 'eve@x.test' });
    await changeUser(db, eve.id, { disabled: true }, { actorUserId: root });
    expect(await findActiveUser(db, eve.id)).toBeNull();
    expect(await verifyCredentials(db, 'eve@x.test', valid.password)).toBeNull();
    const enabled = await changeUser(db, eve.id, { disabled: false }, { actorUserId: root });
    // Version 1 was the session before the disabling: enabling does not bring it back.
    expect(enabled.sessionVersion).toBe(3);
    expect(await verifyCredentials(db, 'eve@x.test', valid.password)).toMatchObject({
      sessionVersion: 3,
    });
    expect((await audits(db, eve.id)).map((a) => [a.action, a.before, a.after])).toEqual([
      ['user.create', null, expect.anything()],
      ['user.disable', { disabled: false }, { disabled: true }],
      ['user.enable', { disabled: true }, { disabled: false }],
    ]);
  });

  it('refuses disabling yourself, leaving no active admin, malformed changes and unknown users', async () => {
    const before = await counts(db);
    expect(
      await refusal(changeUser(db, root, { disabled: true }, { actorUserId: root })),
    ).toMatchObject({ code: 'self_disable', status: 409 });
    expect(await refusal(changeUser(db, root, { role: 'growth' }))).toMatchObject({
      code: 'last_admin',
      message: expect.stringMatching(/last active admin/),
    });
    expect(await refusal(changeUser(db, root, { disabled: true }))).toMatchObject({
      code: 'last_admin',
    });
    for (const input of [{}, { role: 'growth', disabled: true }, { role: 'owner' }, { name: 'x' }])
      expect((await refusal(changeUser(db, root, input as never))).code).toBe('invalid');
    expect(await refusal(changeUser(db, 999_999, { role: 'growth' }))).toMatchObject({
      code: 'not_found',
      status: 404,
    });
    expect(await counts(db)).toEqual(before);
  });

  it('lets one of two admins give up the role, never both at once', async () => {
    const second = await createUser(db, { ...valid, email: 'second@x.test', role: 'admin' });
    const results = await Promise.allSettled([
      changeUser(db, root, { role: 'operator' }),
      changeUser(db, second.id, { role: 'operator' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const admins = (await listUsers(db)).filter((u) => u.role === 'admin' && !u.disabled);
    expect(admins).toHaveLength(1);
    await changeUser(db, root, { role: 'admin' });
  });

  it("resets another user's password: generated and answered once, or typed; sessions end; audited without it", async () => {
    const finn = await createUser(db, { ...valid, email: 'finn@x.test' });
    const generated = await resetPassword(db, finn.id, {}, { actorUserId: root });
    expect(generated.generatedPassword).toMatch(/^[\w-]{24}$/);
    expect(generated.user.sessionVersion).toBe(2);
    expect(await verifyCredentials(db, 'finn@x.test', valid.password)).toBeNull();
    expect(await verifyCredentials(db, 'finn@x.test', generated.generatedPassword!)).not.toBeNull();
    const typed = await resetPassword(db, finn.id, { password: 'a typed password' });
    expect(typed).toMatchObject({ generatedPassword: null, user: { sessionVersion: 3 } });
    expect(await verifyCredentials(db, 'finn@x.test', 'a typed password')).not.toBeNull();
    const log = await audits(db, finn.id);
    expect(log.slice(1)).toEqual([
      { action: 'user.password_reset', actor: root, before: null, after: { generated: true } },
      { action: 'user.password_reset', actor: null, before: null, after: { generated: false } },
    ]);
    expect(JSON.stringify(log)).not.toContain(generated.generatedPassword!);

    const before = await counts(db);
    expect(await refusal(resetPassword(db, root, {}, { actorUserId: root }))).toMatchObject({
      code: 'self_reset',
    });
    const short = await refusal(resetPassword(db, finn.id, { password: 'short' }));
    expect(short.fields).toEqual([expect.objectContaining({ path: 'password', minimum: 10 })]);
    expect((await refusal(resetPassword(db, 999_999, {}))).code).toBe('not_found');
    expect(await counts(db)).toEqual(before);
  });

  it('changes your own password only with the current one; sessions end; audited without either', async () => {
    const gus = await createUser(db, { ...valid, email: 'gus@x.test' });
    const address = '203.0.113.50';
    const before = await counts(db);
    const wrong = await refusal(
      changeOwnPassword(
        db,
        gus,
        { currentPassword: 'not it at all', newPassword: 'new password 1' },
        { address },
      ),
    );
    expect(wrong).toMatchObject({ code: 'wrong_password', status: 400 });
    expect(wrong.fields).toEqual([
      expect.objectContaining({ path: 'currentPassword', code: 'wrong_password' }),
    ]);
    const same = await refusal(
      changeOwnPassword(
        db,
        gus,
        { currentPassword: valid.password, newPassword: valid.password },
        { address },
      ),
    );
    expect(same.fields).toEqual([
      expect.objectContaining({ path: 'newPassword', code: 'same_as_current' }),
    ]);
    expect((await counts(db))!.versions).toBe(before!.versions);

    const changed = await changeOwnPassword(
      db,
      gus,
      { currentPassword: valid.password, newPassword: 'new password 1' },
      { address },
    );
    expect(changed.sessionVersion).toBe(2);
    expect(await verifyCredentials(db, 'gus@x.test', 'new password 1')).not.toBeNull();
    expect(await verifyCredentials(db, 'gus@x.test', valid.password)).toBeNull();
    const log = await audits(db, gus.id);
    expect(log.at(-1)).toEqual({
      action: 'user.password_change',
      actor: gus.id,
      before: null,
      after: null,
    });
    expect(JSON.stringify(log)).not.toMatch(/new password 1|long enough pass/);
  });

  it('guessing the current password is limited like signing in', async () => {
    const hal = await createUser(db, { ...valid, email: 'hal@x.test' });
    const address = '203.0.113.51';
    for (let i = 0; i < 5; i++)
      await refusal(
        changeOwnPassword(
          db,
          hal,
          { currentPassword: `guess ${i}`, newPassword: 'new password 1' },
          { address },
        ),
      );
    const limited = await changeOwnPassword(
      db,
      hal,
      { currentPassword: valid.password, newPassword: 'new password 1' },
      { address },
    ).catch((e: unknown) => e);
    expect(limited).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(await versionOf(db, hal.id)).toBe(1);
  });

  it('ends sessions for a sign-out once: a stale version changes nothing', async () => {
    const ida = await createUser(db, { ...valid, email: 'ida@x.test' });
    const action = { action: 'auth.sign_out', after: { address: '198.51.100.1' } };
    expect(await endSessions(db, ida.id, 1, action)).toBe(true);
    expect(await versionOf(db, ida.id)).toBe(2);
    expect(await endSessions(db, ida.id, 1, action)).toBe(false);
    expect(await versionOf(db, ida.id)).toBe(2);
    expect((await audits(db, ida.id)).filter((a) => a.action === 'auth.sign_out')).toEqual([
      { action: 'auth.sign_out', actor: ida.id, before: null, after: { address: '198.51.100.1' } },
    ]);
  });
});
