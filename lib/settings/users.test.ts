import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { auditLog, users, type Role } from '../../db/schema/accounts';
import { useTestDb } from '../../db/testing/test-db';
import { createUser, verifyCredentials } from '../auth/users';
import { listUserSettings } from './queries';
import { addUser, changeUser, parseUserId, SettingsError } from './users';

async function counts(db: Database) {
  const [row] = await db.execute<{ users: number; audits: number }>(
    sql`select (select count(*)::int from ${users}) as users, (select count(*)::int from ${auditLog}) as audits`,
  );
  return row;
}

async function newUser(db: Database, email: string, name: string, role: Role): Promise<number> {
  return (await createUser(db, { email, name, role, password: 'long enough pass' })).id;
}

async function refusal(promise: Promise<unknown>): Promise<SettingsError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SettingsError);
  return error as SettingsError;
}

describe('settings users', () => {
  let db: Database;
  let admin: number;
  let other: number;
  beforeAll(async () => {
    db = (await useTestDb()).db;
    admin = await newUser(db, 'root@x.test', 'Root', 'admin');
    other = await newUser(db, 'ops@x.test', 'Ops', 'operator');
  });
  const addAsAdmin = (input: unknown) => addUser(db, input, { actorUserId: admin });
  const changeAsAdmin = (id: number, input: unknown) =>
    changeUser(db, id, input, { actorUserId: admin });

  it('adds a user, audited with the acting admin, and lists it', async () => {
    const added = await addAsAdmin({
      email: ' New@X.test ',
      name: 'Newt',
      role: 'support',
      password: 'ten chars!',
    });
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
      addAsAdmin({ email: 'nope', name: '', role: 'owner', password: 'short' }),
    );
    expect(bad.code).toBe('invalid');
    expect(Object.keys(bad.fields).sort()).toEqual(['email', 'name', 'password', 'role']);
    expect(bad.fields.password).toBe('must be at least 10 characters');
    expect((await refusal(addAsAdmin('x'))).code).toBe('invalid');
    expect((await refusal(addAsAdmin(null))).code).toBe('invalid');
    const duplicate = await refusal(
      addAsAdmin({
        email: 'NEW@x.test',
        name: 'Again',
        role: 'growth',
        password: 'long enough pass',
      }),
    );
    expect(duplicate.code).toBe('duplicate_email');
    expect(await counts(db)).toEqual(before);
  });

  it('changes a role and disables / enables a user, each audited with the acting admin', async () => {
    const newt = (await listUserSettings(db)).find((u) => u.email === 'new@x.test')!;
    expect(await changeAsAdmin(newt.id, { role: 'growth' })).toMatchObject({
      role: 'growth',
      disabled: false,
    });
    expect(await changeAsAdmin(newt.id, { disabled: true })).toMatchObject({
      role: 'growth',
      disabled: true,
    });
    expect(await verifyCredentials(db, 'new@x.test', 'ten chars!')).toBeNull();
    // Asking for what already is writes nothing.
    const before = await counts(db);
    await changeAsAdmin(newt.id, { disabled: true });
    await changeAsAdmin(newt.id, { role: 'growth' });
    expect(await counts(db)).toEqual(before);
    await changeAsAdmin(newt.id, { disabled: false });
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
      .where(sql`${auditLog.entityId} = ${String(newt.id)} and ${auditLog.action} <> 'user.create'`)
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
    const self = await refusal(changeAsAdmin(admin, { disabled: true }));
    expect(self).toMatchObject({
      code: 'self_disable',
      message: 'You cannot disable your own account',
    });
    const demote = await refusal(changeAsAdmin(admin, { role: 'growth' }));
    expect(demote.code).toBe('last_admin');
    expect(demote.message).toMatch(/last active admin/);
    // Another admin's request (here: the operator's id) may not disable the last one either.
    const disable = await refusal(
      changeUser(db, admin, { disabled: true }, { actorUserId: other }),
    );
    expect(disable.code).toBe('last_admin');
    expect(await counts(db)).toEqual(before);

    // With a second admin, the first may give up the role.
    await changeAsAdmin(other, { role: 'admin' });
    await changeAsAdmin(admin, { role: 'operator' });
    expect((await listUserSettings(db)).filter((u) => u.role === 'admin').map((u) => u.id)).toEqual(
      [other],
    );
    // And the new admin may give it back.
    await changeUser(db, admin, { role: 'admin' }, { actorUserId: other });
    // A disabled admin does not count as one.
    await changeAsAdmin(other, { disabled: true });
    const alone = await refusal(changeAsAdmin(admin, { role: 'growth' }));
    expect(alone.code).toBe('last_admin');
    await changeAsAdmin(other, { disabled: false });
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
      const error = await refusal(changeAsAdmin(other, input));
      expect(error.code).toBe('invalid');
      expect(error.message).toMatch(/^Invalid change: /);
    }
    expect((await refusal(changeAsAdmin(999_999, { role: 'growth' }))).code).toBe('not_found');
    expect(await counts(db)).toEqual(before);
    const urlIds = ['1', '42', '0', '-1', '1.5', 'abc', '99999999999999999'];
    expect(urlIds.map(parseUserId)).toEqual([1, 42, null, null, null, null, null]);
  });
});
