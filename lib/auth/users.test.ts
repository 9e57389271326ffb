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
  listUsers,
  setUserDisabled,
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

  it('lists and counts users', async () => {
    const list = await listUsers(db);
    expect(list.map((u) => u.email)).toContain('carl@example.com');
    expect(await countUsers(db)).toBe(list.length);
  });
});
