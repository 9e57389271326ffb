import { encode } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDb } from '../../db/testing/test-db';
import { sessionCookie } from '../api/testing/call-route';
import { authOptions } from './options';
import { sessionUserOf } from './session';
import { changeUser, createUser, endSessions, type UserListing } from './users';

let db: Awaited<ReturnType<typeof useTestDb>>['db'];
let ann: UserListing;

const request = (cookie: string) =>
  new NextRequest('http://127.0.0.1:3000/', { headers: { cookie } });
/** The pages' way in (lib/auth/guard.ts): `{ cookies: await cookies() }`. */
const cookieStore = (cookie: string) => ({ cookies: request(cookie).cookies });

beforeAll(async () => {
  const test = await useTestDb();
  db = test.db;
  process.env.DATABASE_URL = test.url;
  ann = await createUser(db, {
    email: 'ann@x.test',
    name: 'Ann',
    password: 'long enough pass',
    role: 'operator',
  });
  await createUser(db, {
    email: 'adm@x.test',
    name: 'Adm',
    password: 'long enough pass',
    role: 'admin',
  });
});

describe('sessionUserOf', () => {
  it("accepts a token of the user's current session version, from a request or a cookie store", async () => {
    const cookie = await sessionCookie(ann);
    expect(await sessionUserOf(request(cookie))).toMatchObject({ id: ann.id, sessionVersion: 1 });
    expect(await sessionUserOf(cookieStore(cookie))).toMatchObject({ id: ann.id });
  });

  it('refuses a token without a version, or of another version', async () => {
    const unversioned = await encode({
      token: { uid: ann.id, role: ann.role },
      secret: process.env.AUTH_SECRET!,
    });
    expect(await sessionUserOf(request(`next-auth.session-token=${unversioned}`))).toBeNull();
    expect(
      await sessionUserOf(request(await sessionCookie({ ...ann, sessionVersion: 2 }))),
    ).toBeNull();
  });

  it('a sign-out ends every session of the user, a replayed cookie included', async () => {
    const cookie = await sessionCookie(ann);
    await endSessions(db, ann.id, 1, { action: 'auth.sign_out' });
    expect(await sessionUserOf(request(cookie))).toBeNull();
    expect(await sessionUserOf(cookieStore(cookie))).toBeNull();
    expect(
      await sessionUserOf(request(await sessionCookie({ ...ann, sessionVersion: 2 }))),
    ).toMatchObject({
      id: ann.id,
    });
  });

  it('a disabled user stays signed out after being enabled again; a role change ends the session', async () => {
    const before = await sessionCookie({ ...ann, sessionVersion: 2 });
    await changeUser(db, ann.id, { disabled: true });
    expect(await sessionUserOf(request(before))).toBeNull();
    const enabled = await changeUser(db, ann.id, { disabled: false });
    expect(await sessionUserOf(request(before))).toBeNull();
    const current = await sessionCookie(enabled);
    expect(await sessionUserOf(request(current))).toMatchObject({ role: 'operator' });
    const regraded = await changeUser(db, ann.id, { role: 'growth' });
    expect(await sessionUserOf(request(current))).toBeNull();
    expect(await sessionUserOf(request(await sessionCookie(regraded)))).toMatchObject({
      role: 'growth',
    });
  });

  it("next-auth's own session endpoint empties a token of an ended session", async () => {
    const jwt = (token: Record<string, unknown>) =>
      authOptions.callbacks!.jwt!({ token, account: null } as never);
    const current = (await sessionUserOf(
      request(await sessionCookie({ ...ann, sessionVersion: 5 })),
    ))!;
    expect(current).toMatchObject({ sessionVersion: 5 });
    const live = { uid: ann.id, role: 'growth', sv: 5, email: 'ann@x.test' };
    expect(await jwt(live)).toEqual(live);
    expect(await jwt({ ...live, sv: 4 })).toEqual({});
    expect(await jwt({ email: 'ann@x.test' })).toEqual({});
  });
});
