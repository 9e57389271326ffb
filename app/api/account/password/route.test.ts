import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '@/db/schema/accounts';
import { useTestDb } from '@/db/testing/test-db';
import { callRoute, sessionCookie } from '@/lib/api/testing/call-route';
import { verifyCredentials } from '@/lib/auth/user-queries';
import { createUser, type UserListing } from '@/lib/auth/users';
import { POST } from './route';

let db: Awaited<ReturnType<typeof useTestDb>>['db'];
let sue: UserListing;
const password = 'sues first password';

beforeAll(async () => {
  const test = await useTestDb();
  db = test.db;
  process.env.DATABASE_URL = test.url;
  sue = await createUser(db, { email: 'sue@x.test', name: 'Sue', password, role: 'support' });
});

const change = (json: unknown, cookie: string) =>
  callRoute(POST, '/api/account/password', { method: 'POST', json, cookie });

describe('POST /api/account/password', () => {
  it('POST /api/account/password – refusals change nothing: wrong current, same, short, missing', async () => {
    const cookie = await sessionCookie(sue);
    const wrong = await change(
      { currentPassword: 'not hers', newPassword: 'a new password' },
      cookie,
    );
    expect(wrong.status).toBe(400);
    expect(wrong.json).toMatchObject({
      error: {
        code: 'wrong_password',
        fields: [{ path: 'currentPassword', code: 'wrong_password' }],
      },
    });
    const same = await change({ currentPassword: password, newPassword: password }, cookie);
    expect(same.json).toMatchObject({
      error: { fields: [{ path: 'body.newPassword', code: 'same_as_current' }] },
    });
    expect(
      (await change({ currentPassword: password, newPassword: 'short' }, cookie)).json,
    ).toMatchObject({
      error: { fields: [{ path: 'body.newPassword', code: 'too_small', minimum: 10 }] },
    });
    expect((await change({ newPassword: 'a new password' }, cookie)).status).toBe(400);
    expect(await verifyCredentials(db, 'sue@x.test', password)).toMatchObject({
      sessionVersion: 1,
    });
  });

  it('POST /api/account/password – every role may; other sessions end, this browser gets a fresh one', async () => {
    const here = await sessionCookie(sue);
    const elsewhere = await sessionCookie(sue);
    const res = await change(
      { currentPassword: password, newPassword: 'sues second password' },
      here,
    );
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ changed: true });
    expect(await verifyCredentials(db, 'sue@x.test', 'sues second password')).toMatchObject({
      sessionVersion: 2,
    });
    // The copy elsewhere (and this one's old cookie) no longer work...
    const again = { currentPassword: 'sues second password', newPassword: 'sues third password' };
    expect((await change(again, elsewhere)).status).toBe(401);
    // ...the renewed one does.
    const fresh = res.headers.get('set-cookie')!.split(';')[0]!;
    expect((await change(again, fresh)).status).toBe(200);
    const audits = await db
      .select({ action: auditLog.action, actor: auditLog.actorUserId })
      .from(auditLog)
      .where(sql`${auditLog.action} = 'user.password_change'`);
    expect(audits).toEqual([
      { action: 'user.password_change', actor: sue.id },
      { action: 'user.password_change', actor: sue.id },
    ]);
  });

  it('POST /api/account/password – without a session 401', async () => {
    expect((await change({ currentPassword: 'x', newPassword: 'a new password' }, '')).status).toBe(
      401,
    );
  });
});
