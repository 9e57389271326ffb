import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema/accounts';
import { useTestDb } from '../../db/testing/test-db';
import { authOptions } from './options';
import { signInWithPassword } from './sign-in';
import { createUser, type UserListing } from './users';

let db: Awaited<ReturnType<typeof useTestDb>>['db'];
let kim: UserListing;
const password = 'kims own password';

const signInAudits = () =>
  db
    .select({
      action: auditLog.action,
      actor: auditLog.actorUserId,
      entityId: auditLog.entityId,
      after: auditLog.after,
    })
    .from(auditLog)
    .where(sql`${auditLog.action} like 'auth.%'`)
    .orderBy(auditLog.id);

beforeAll(async () => {
  const test = await useTestDb();
  db = test.db;
  process.env.DATABASE_URL = test.url;
  kim = await createUser(db, { email: 'kim@x.test', name: 'Kim', password, role: 'support' });
});

describe('signing in', () => {
  it('audits each checked sign-in, success and failure, with the address and never the password', async () => {
    const address = '203.0.113.20';
    expect(await signInWithPassword(db, { email: 'KIM@x.test', password, address })).toMatchObject({
      ok: true,
    });
    expect(
      await signInWithPassword(db, { email: 'kim@x.test', password: 'a wrong one', address }),
    ).toEqual({ ok: false, reason: 'invalid' });
    const audits = await signInAudits();
    expect(audits).toEqual([
      { action: 'auth.sign_in', actor: kim.id, entityId: String(kim.id), after: { address } },
      {
        action: 'auth.sign_in_failed',
        actor: null,
        entityId: null,
        after: { email: 'kim@x.test', address },
      },
    ]);
    expect(JSON.stringify(audits)).not.toMatch(/kims own password|a wrong one/);
  });

  it('does not audit attempts refused before the check (limited, over-long, empty)', async () => {
    const address = '203.0.113.21';
    for (let i = 0; i < 5; i++)
      await signInWithPassword(db, { email: 'kim@x.test', password: `guess ${i}`, address });
    const before = (await signInAudits()).length;
    expect(await signInWithPassword(db, { email: 'kim@x.test', password, address })).toMatchObject({
      reason: 'rate_limited',
    });
    for (const input of [
      { email: 'kim@x.test', password: 'p'.repeat(1001) },
      { email: `${'k'.repeat(300)}@x.test`, password },
      { email: '', password },
      { email: 'kim@x.test', password: '' },
    ])
      expect(await signInWithPassword(db, { ...input, address })).toEqual({
        ok: false,
        reason: 'invalid',
      });
    expect(await signInAudits()).toHaveLength(before);
  });

  it("next-auth's authorize returns the user with the session version, and refuses a limited one with a retry time", async () => {
    const provider = authOptions.providers[0] as unknown as {
      options: {
        authorize: (
          credentials: Record<string, unknown>,
          request: { headers: Record<string, string> },
        ) => Promise<unknown>;
      };
    };
    const authorize = provider.options.authorize;
    const headers = { 'x-forwarded-for': '203.0.113.22' };
    expect(await authorize({ email: 'kim@x.test', password }, { headers })).toMatchObject({
      id: String(kim.id),
      role: 'support',
      sessionVersion: 1,
    });
    expect(await authorize({ email: ['kim@x.test'], password }, { headers })).toBeNull();
    await expect(
      authorize(
        { email: 'kim@x.test', password },
        { headers: { 'x-forwarded-for': '203.0.113.21' } },
      ),
    ).rejects.toThrow(/^rate_limited:\d+$/);
  });
});
