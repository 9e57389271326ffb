import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, users } from '@/db/schema/accounts';
import { useTestDb } from '@/db/testing/test-db';
import { callRoute, sessionCookie } from '@/lib/api/testing/call-route';
import { verifyCredentials } from '@/lib/auth/user-queries';
import { createUser, type UserListing } from '@/lib/auth/users';
import { POST as resetPassword } from './[id]/password/route';
import { PATCH } from './[id]/route';
import { GET, POST } from './route';

let db: Awaited<ReturnType<typeof useTestDb>>['db'];
let admin: UserListing;
let growth: UserListing;
let adminCookie = '';
const newUser = { email: 'new@x.test', name: 'Newt', role: 'support', password: 'ten chars!' };

async function counts() {
  const [row] = await db.execute<{ users: number; audits: number; versions: number }>(
    sql`select (select count(*)::int from ${users}) as users,
      (select count(*)::int from ${auditLog}) as audits,
      (select sum(session_version)::int from ${users}) as versions`,
  );
  return row;
}

beforeAll(async () => {
  const test = await useTestDb();
  db = test.db;
  process.env.DATABASE_URL = test.url;
  const password = 'long enough pass';
  admin = await createUser(db, { email: 'root@x.test', name: 'Root', password, role: 'admin' });
  growth = await createUser(db, { email: 'gro@x.test', name: 'Gro', password, role: 'growth' });
  adminCookie = await sessionCookie(admin);
});

const post = (json: unknown, cookie = adminCookie) =>
  callRoute(POST, '/api/settings/users', { method: 'POST', json, cookie });
const patch = (id: number | string, json: unknown, cookie = adminCookie) =>
  callRoute(PATCH, `/api/settings/users/${id}`, {
    method: 'PATCH',
    params: { id: String(id) },
    json,
    cookie,
  });
const reset = (id: number | string, json: unknown, cookie = adminCookie) =>
  callRoute(resetPassword, `/api/settings/users/${id}/password`, {
    method: 'POST',
    params: { id: String(id) },
    json,
    cookie,
  });

describe('/api/settings/users', () => {
  it('GET /api/settings/users – the users, without hashes or session versions', async () => {
    const res = await callRoute(GET, '/api/settings/users', { cookie: adminCookie });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      users: [
        { id: admin.id, email: 'root@x.test', role: 'admin', disabled: false },
        { id: growth.id, role: 'growth' },
      ],
    });
    expect(res.text).not.toMatch(/scrypt|sessionVersion|password/i);
  });

  it('POST /api/settings/users – adds a user (201), audited with the acting admin', async () => {
    const res = await post(newUser);
    expect(res.status).toBe(201);
    const user = (res.json as { user: { id: number } }).user;
    expect(user).toMatchObject({ email: 'new@x.test', name: 'Newt', role: 'support' });
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.action} = 'user.create' and ${auditLog.entityId} = ${String(user.id)}`);
    expect(audit).toMatchObject({ actorUserId: admin.id, after: { role: 'support' } });
  });

  it('POST /api/settings/users – name with a NUL or another control character', async () => {
    const before = await counts();
    for (const name of ['Ne\u0000wt', 'Ne\nwt', 'Ne\u001bwt', 'Ne\u007fwt', 'Ne\u009fwt']) {
      const res = await post({ ...newUser, email: 'ctl@x.test', name });
      expect(res.status, JSON.stringify(name)).toBe(400);
      expect(res.json).toEqual({
        error: {
          code: 'invalid',
          message: expect.stringContaining('body.name'),
          fields: [expect.objectContaining({ path: 'body.name', code: 'control_character' })],
        },
      });
    }
    expect(await counts()).toEqual(before);
  });

  it('POST /api/settings/users – each bad field named with its code and limit; a taken email 409', async () => {
    const before = await counts();
    const res = await post({ email: 'nope', name: '', role: 'owner', password: 'short' });
    expect(res.status).toBe(400);
    const fields = (res.json as { error: { fields: { path: string; code: string }[] } }).error
      .fields;
    expect(fields.map((f) => [f.path, f.code])).toEqual([
      ['body.email', 'invalid_format'],
      ['body.name', 'too_small'],
      ['body.password', 'too_small'],
      ['body.role', 'invalid_value'],
    ]);
    expect(fields[2]).toMatchObject({ minimum: 10 });
    const extra = await post({ ...newUser, email: 'x@x.test', admin: true });
    expect(extra.json).toMatchObject({ error: { fields: [{ code: 'unrecognized_keys' }] } });
    const taken = await post({ ...newUser, email: 'NEW@x.test' });
    expect(taken.status).toBe(409);
    expect(taken.json).toMatchObject({
      error: { code: 'duplicate_email', fields: [{ path: 'email', code: 'duplicate_email' }] },
    });
    expect(await counts()).toEqual(before);
  });

  it('POST /api/settings/users – by growth 403, without a session 401', async () => {
    const growthCookie = await sessionCookie(growth);
    expect((await post(newUser, growthCookie)).status).toBe(403);
    expect((await post(newUser, '')).status).toBe(401);
    expect((await patch(growth.id, { role: 'admin' }, growthCookie)).status).toBe(403);
    expect((await reset(admin.id, {}, growthCookie)).status).toBe(403);
  });

  it('PATCH /api/settings/users/:id – a role change ends their session; their old cookie is refused', async () => {
    const cookie = await sessionCookie(growth);
    expect((await callRoute(GET, '/api/settings/users', { cookie })).status).toBe(403);
    const res = await patch(growth.id, { role: 'admin' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ user: { id: growth.id, role: 'admin' } });
    // The old cookie said growth; now the user is an admin, but that session has ended.
    expect((await callRoute(GET, '/api/settings/users', { cookie })).status).toBe(401);
    expect(
      (
        await callRoute(GET, '/api/settings/users', {
          cookie: await sessionCookie({ ...growth, sessionVersion: 2 }),
        })
      ).status,
    ).toBe(200);
    await patch(growth.id, { role: 'growth' });
  });

  it('PATCH /api/settings/users/:id – refusals: yourself, the last admin, bad ids and bodies', async () => {
    const before = await counts();
    const self = await patch(admin.id, { disabled: true });
    expect(self.status).toBe(409);
    expect(self.json).toEqual({
      error: { code: 'self_disable', message: 'You cannot disable your own account' },
    });
    const last = await patch(admin.id, { role: 'growth' });
    expect(last.json).toMatchObject({ error: { code: 'last_admin' } });
    for (const id of ['0', '-1', '1.5', 'abc', '99999999999999999'])
      expect((await patch(id, { role: 'growth' })).json).toMatchObject({
        error: { code: 'invalid', fields: [{ path: 'params.id' }] },
      });
    expect((await patch(999_999, { role: 'growth' })).status).toBe(404);
    for (const body of [
      {},
      { role: 'growth', disabled: true },
      { role: 'owner' },
      { disabled: 'yes' },
    ])
      expect((await patch(growth.id, body)).status, JSON.stringify(body)).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it("PATCH /api/settings/users/:id – an admin changing their own role keeps this browser's session", async () => {
    const other = await createUser(db, { ...newUser, email: 'adm2@x.test', role: 'admin' });
    const cookie = await sessionCookie(other);
    const res = await patch(other.id, { role: 'operator' }, cookie);
    expect(res.status).toBe(200);
    const renewed = res.headers.get('set-cookie')!;
    expect(renewed).toMatch(/^next-auth\.session-token=[^;]+;.*HttpOnly/i);
    expect((await callRoute(GET, '/api/settings/users', { cookie })).status).toBe(401);
    const fresh = renewed.split(';')[0]!;
    // The renewed session is the operator's: the users list is not theirs any more.
    expect((await callRoute(GET, '/api/settings/users', { cookie: fresh })).status).toBe(403);
  });

  it('POST /api/settings/users/:id/password – a generated password answered once; their sessions end', async () => {
    const cookie = await sessionCookie(growth);
    const version = (
      await db
        .select()
        .from(users)
        .where(sql`${users.id} = ${growth.id}`)
    )[0]!.sessionVersion;
    const res = await reset(growth.id, {});
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { generatedPassword } = res.json as { generatedPassword: string };
    expect(generatedPassword).toMatch(/^[\w-]{24}$/);
    expect(await verifyCredentials(db, 'gro@x.test', generatedPassword)).toMatchObject({
      sessionVersion: version + 1,
    });
    expect((await callRoute(GET, '/api/settings/users', { cookie })).status).toBe(401);
    const typed = await reset(growth.id, { password: 'typed by the admin' });
    expect(typed.json).toMatchObject({ generatedPassword: null });
    expect(await verifyCredentials(db, 'gro@x.test', 'typed by the admin')).not.toBeNull();
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.action} = 'user.password_reset'`)
      .orderBy(auditLog.id);
    expect(audit).toMatchObject({ actorUserId: admin.id, after: { generated: true } });
    expect(JSON.stringify(audit)).not.toContain(generatedPassword);
  });

  it('POST /api/settings/users/:id/password – refusals: your own, too short, control characters, extra fields', async () => {
    const before = await counts();
    expect((await reset(admin.id, {})).json).toMatchObject({ error: { code: 'self_reset' } });
    expect((await reset(growth.id, { password: 'short' })).json).toMatchObject({
      error: { fields: [{ path: 'body.password', code: 'too_small', minimum: 10 }] },
    });
    expect((await reset(growth.id, { password: 'with a \u0000 NUL!' })).json).toMatchObject({
      error: { fields: [{ path: 'body.password', code: 'control_character' }] },
    });
    expect((await reset(growth.id, { password: 'x'.repeat(1001) })).json).toMatchObject({
      error: { fields: [{ path: 'body.password', code: 'too_big', maximum: 1000 }] },
    });
    expect((await reset(growth.id, { generate: true })).status).toBe(400);
    expect((await reset(999_999, {})).status).toBe(404);
    expect(await counts()).toEqual(before);
  });
});
