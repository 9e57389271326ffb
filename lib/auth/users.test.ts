import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { auditLog, users } from '../../db/schema/accounts';
import { useTestDb } from '../../db/testing/test-db';
import { UserError } from './errors';
import { verifyPassword } from './passwords';
import {
  countUsers,
  createUser,
  findActiveUser,
  findUserByEmail,
  listUsers,
  setUserDisabled,
  setUserPassword,
  setUserRole,
  verifyCredentials,
} from './users';

const valid = {
  email: ' Ada@Example.COM ',
  name: 'Ada',
  password: 'long enough pass',
  role: 'growth' as const,
};

async function counts(db: Database) {
  const [row] = await db.execute<{ users: number; audits: number }>(
    sql`select (select count(*)::int from ${users}) as users, (select count(*)::int from ${auditLog}) as audits`,
  );
  return row;
}

describe('users', () => {
  let db: Database;
  beforeAll(async () => {
    db = (await useTestDb()).db;
  });

  it('creates a user with a hashed password and an audit row', async () => {
    const user = await createUser(db, valid, { actorUserId: null });
    expect(user).toEqual({
      id: expect.any(Number),
      email: 'ada@example.com',
      name: 'Ada',
      role: 'growth',
    });
    const [row] = await db
      .select()
      .from(users)
      .where(sql`${users.id} = ${user.id}`);
    expect(row!.passwordHash).not.toContain(valid.password);
    expect(await verifyPassword(valid.password, row!.passwordHash)).toBe(true);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.entityId} = ${String(user.id)}`);
    expect(audit).toMatchObject({
      action: 'user.create',
      entity: 'user',
      after: { email: 'ada@example.com', name: 'Ada', role: 'growth' },
    });
    expect(JSON.stringify(audit)).not.toContain(valid.password);
  });

  it('refuses invalid input, naming each field, and changes nothing', async () => {
    const before = await counts(db);
    for (const [input, field] of [
      [{ ...valid, email: 'not an email' }, 'email'],
      [{ ...valid, name: '   ' }, 'name'],
      [{ ...valid, password: 'short' }, 'password'],
      [{ ...valid, role: 'owner' as never }, 'role'],
    ] as const) {
      const error = await createUser(db, {
        ...input,
        email: input.email.replace('ada', 'bob'),
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).code).toBe('invalid');
      expect(Object.keys((error as UserError).fields)).toEqual([field]);
    }
    expect(await counts(db)).toEqual(before);
  });

  it('refuses an email that exists in any case, with a clear error', async () => {
    const before = await counts(db);
    const error = await createUser(db, { ...valid, email: 'ADA@example.com', role: 'admin' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({
      code: 'duplicate_email',
      message: 'A user with the email ada@example.com already exists',
    });
    expect(await counts(db)).toEqual(before);
  });

  it('refuses one of two creations of an email at the same moment', async () => {
    const results = await Promise.allSettled(
      ['Twin@example.com', 'twin@EXAMPLE.com'].map((email) => createUser(db, { ...valid, email })),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'duplicate_email' });
  });

  it('verifies credentials: right password in any email case, not a wrong one or an unknown email', async () => {
    const ada = await verifyCredentials(db, 'ADA@example.com ', valid.password);
    expect(ada).toMatchObject({ email: 'ada@example.com', role: 'growth' });
    expect(await verifyCredentials(db, 'ada@example.com', 'long enough pasS')).toBeNull();
    expect(await verifyCredentials(db, 'nobody@example.com', valid.password)).toBeNull();
  });

  it('a disabled user cannot sign in and has no session user', async () => {
    const carl = await createUser(db, { ...valid, email: 'carl@example.com', role: 'support' });
    expect(await findActiveUser(db, carl.id)).toEqual(carl);
    await setUserDisabled(db, carl.id, true);
    expect(await verifyCredentials(db, 'carl@example.com', valid.password)).toBeNull();
    expect(await findActiveUser(db, carl.id)).toBeNull();
    await setUserDisabled(db, carl.id, false);
    expect(await verifyCredentials(db, 'carl@example.com', valid.password)).toEqual(carl);
  });

  it('gives a user a new password, audited without it; the old one stops working', async () => {
    const erin = await createUser(db, { ...valid, email: 'erin@example.com' });
    await setUserPassword(db, erin.id, 'a brand new password');
    expect(await verifyCredentials(db, 'erin@example.com', valid.password)).toBeNull();
    expect(await verifyCredentials(db, 'erin@example.com', 'a brand new password')).toEqual(erin);
    const audits = await db
      .select()
      .from(auditLog)
      .where(
        sql`${auditLog.entityId} = ${String(erin.id)} and ${auditLog.action} = 'user.password'`,
      );
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits)).not.toContain('a brand new password');
  });

  it('refuses a short password or an unknown user for a new password, changing nothing', async () => {
    const before = await counts(db);
    const short = await setUserPassword(db, 1, 'short').catch((e: unknown) => e);
    expect(short).toMatchObject({ code: 'invalid', fields: { password: expect.any(String) } });
    const unknown = await setUserPassword(db, 987654, 'long enough pass').catch((e: unknown) => e);
    expect(unknown).toMatchObject({ code: 'invalid', message: 'No user with id 987654' });
    expect(await counts(db)).toEqual(before);
  });

  it('finds a user by email in any letter case', async () => {
    expect(await findUserByEmail(db, ' ERIN@example.com')).toMatchObject({
      email: 'erin@example.com',
      disabled: false,
    });
    expect(await findUserByEmail(db, 'nobody@example.com')).toBeNull();
  });

  it('lists and counts users', async () => {
    const list = await listUsers(db);
    expect(list.map((u) => u.email)).toContain('carl@example.com');
    expect(await countUsers(db)).toBe(list.length);
  });

  it('changes a role with an audit row; the next look-up has it', async () => {
    const dora = await createUser(db, { ...valid, email: 'dora@example.com', role: 'support' });
    const admin = await createUser(db, { ...valid, email: 'root@example.com', role: 'admin' });
    await setUserRole(db, dora.id, 'growth', { actorUserId: admin.id });
    expect(await findActiveUser(db, dora.id)).toMatchObject({ role: 'growth' });
    const audits = await db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.entityId} = ${String(dora.id)} and ${auditLog.action} = 'user.role'`);
    expect(audits).toEqual([
      expect.objectContaining({
        actorUserId: admin.id,
        entity: 'user',
        before: { role: 'support' },
        after: { role: 'growth' },
      }),
    ]);
    // The same role again changes and audits nothing.
    const before = await counts(db);
    await setUserRole(db, dora.id, 'growth', { actorUserId: admin.id });
    expect(await counts(db)).toEqual(before);
  });

  it('refuses an unknown role or user, and taking the admin role from the last active admin', async () => {
    const [root] = (await listUsers(db)).filter((u) => u.role === 'admin');
    const dora = (await listUsers(db)).find((u) => u.email === 'dora@example.com')!;
    const before = await counts(db);
    const refused = async (id: number, role: string) => {
      const error = await setUserRole(db, id, role as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      return error as UserError;
    };
    expect((await refused(dora.id, 'owner')).fields).toHaveProperty('role');
    expect((await refused(999_999, 'growth')).message).toBe('No user with id 999999');
    expect((await refused(root!.id, 'growth')).message).toMatch(/last active admin/);
    expect(await findActiveUser(db, root!.id)).toMatchObject({ role: 'admin' });
    expect(await counts(db)).toEqual(before);

    // With a second active admin, either may lose the role, but not both at once.
    await setUserRole(db, dora.id, 'admin');
    const results = await Promise.allSettled([
      setUserRole(db, root!.id, 'operator'),
      setUserRole(db, dora.id, 'operator'),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const admins = (await listUsers(db)).filter((u) => u.role === 'admin' && !u.disabled);
    expect(admins).toHaveLength(1);
  });
});
