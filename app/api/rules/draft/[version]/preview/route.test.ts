import { sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '@/db/client';
import { useTestDb } from '@/db/testing/test-db';
import { callRoute, sessionCookie } from '@/lib/api/testing/call-route';
import { createUser } from '@/lib/auth/users';
import type { Role } from '@/db/schema/accounts';
import * as preview from '@/lib/lifecycle/preview';
import { refreshLifecycle } from '@/lib/lifecycle/refresh';
import { startDraft, updateDraft } from '@/lib/lifecycle/rule-set-writes';
import { days, engage, hours, ingest, member } from '@/lib/lifecycle/testing/facts';
import type { PreviewJson } from '@/lib/rules/types';
import { GET } from './route';

// The real preview runs; the spy only counts how often it is computed.
vi.mock('@/lib/lifecycle/preview', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/lifecycle/preview')>();
  return { ...actual, previewMoves: vi.fn(actual.previewMoves) };
});
const computed = vi.mocked(preview.previewMoves);

let db: Database;
let draftVersion = 0;
const cookies: Record<string, string> = {};
let people = 0;

async function personWith(role: Role): Promise<string> {
  const user = await createUser(db, {
    email: `${role}-${++people}@x.test`,
    name: `${role} ${people}`,
    password: 'long-enough-pass',
    role,
  });
  return sessionCookie(user);
}

const asOf = new Date();
const quietFan = (fan: number, silentDays: number) => [
  member(fan, 'join', days(asOf.toISOString(), -60)),
  ...[1, 2, 3].map((h) => engage(fan, hours(days(asOf.toISOString(), -60).toISOString(), h))),
  engage(fan, days(asOf.toISOString(), -silentDays)),
];

const get = (cookie: string, version = draftVersion) =>
  callRoute(GET, `/api/rules/draft/${version}/preview`, {
    params: { version: String(version) },
    cookie,
  });

beforeAll(async () => {
  const test = await useTestDb();
  db = test.db;
  process.env.DATABASE_URL = test.url;
  await ingest(db, [...quietFan(31, 12), ...quietFan(32, 2), ...quietFan(33, 12)]);
  await db.execute(sql`update fans set username = 'quiet_one', first_name = 'Quinn',
    last_name = 'Quiet' where telegram_user_id = 31`);
  await refreshLifecycle(db, { asOf });
  const draft = await startDraft(db, { actorUserId: null });
  await updateDraft(db, draft.version, { ...draft.params, at_risk_silence_days: 10 });
  draftVersion = draft.version;
  for (const role of ['admin', 'operator', 'growth', 'support'] as const)
    cookies[role] = await personWith(role);
});

afterEach(() => {
  vi.useRealTimers();
});

const samplesOf = (json: unknown) => (json as PreviewJson).cells.flatMap((c) => c.samples);

describe('GET /api/rules/draft/:version/preview', () => {
  it('GET /api/rules/draft/:version/preview – growth sees fans by id only, admin by name', async () => {
    const admin = await get(cookies.admin!);
    expect(admin.status).toBe(200);
    const moving = (admin.json as PreviewJson).cells.find(
      (c) => c.from === 'active' && c.to === 'at_risk',
    );
    expect(moving?.fans).toBe(2);
    expect(moving?.samples[0]).toMatchObject({
      person: { telegramUserId: 31, username: 'quiet_one', name: 'Quinn Quiet' },
    });
    expect(admin.json).toMatchObject({ showsPeople: true });

    for (const role of ['growth', 'operator'] as const) {
      const res = await get(cookies[role]!);
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ showsPeople: false, moving: 2, total: 3 });
      for (const sample of samplesOf(res.json)) expect(Object.keys(sample)).toEqual(['fanId']);
      expect(res.text).not.toMatch(/quiet_one|Quinn/);
      expect(res.text).not.toMatch(/"telegramUserId"|"username"|"name"/);
    }
    expect((await get(cookies.support!)).status).toBe(403);
  });

  it('GET /api/rules/draft/:version/preview – a second call within 30 s is not computed again', async () => {
    const cookie = await personWith('admin');
    const first = await get(cookie);
    const before = computed.mock.calls.length;
    const second = await get(cookie);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.json).toEqual(first.json);
    expect(computed.mock.calls.length).toBe(before);
    // Someone else looking at the same draft reuses it too, without the names.
    const growth = await get(await personWith('growth'));
    expect(growth.json).toMatchObject({ showsPeople: false, moving: 2 });
    expect(computed.mock.calls.length).toBe(before);

    // Saved values are another preview.
    await updateDraft(db, draftVersion, {
      ...(await startDraft(db, { actorUserId: null })).params,
      at_risk_silence_days: 11,
    });
    await get(cookie);
    expect(computed.mock.calls.length).toBe(before + 1);
    // So is a fresher state of the data (the lifecycle job ran again).
    await refreshLifecycle(db, { asOf: new Date(asOf.getTime() + 1_000) });
    await get(cookie);
    expect(computed.mock.calls.length).toBe(before + 2);
    await get(cookie);
    expect(computed.mock.calls.length).toBe(before + 2);
    // And the same draft on the same data, once the 30 s are over.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 31_000 });
    await get(await personWith('admin'));
    expect(computed.mock.calls.length).toBe(before + 3);
  });

  it('GET /api/rules/draft/:version/preview – an 11th call in a minute is 429 with Retry-After', async () => {
    const cookie = await personWith('operator');
    for (let i = 0; i < 10; i++) expect((await get(cookie)).status).toBe(200);
    const refused = await get(cookie);
    expect(refused.status).toBe(429);
    expect(refused.json).toMatchObject({ error: { code: 'rate_limited' } });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Per person: someone else still gets the preview.
    expect((await get(await personWith('operator'))).status).toBe(200);
    // A minute later, the first person does too.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 61_000 });
    expect((await get(cookie)).status).toBe(200);
  });

  it('GET /api/rules/draft/:version/preview – one running preview per person', async () => {
    const cookie = await personWith('admin');
    await updateDraft(db, draftVersion, {
      ...(await startDraft(db, { actorUserId: null })).params,
      at_risk_silence_days: 9,
    });
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const actual = computed.getMockImplementation()!;
    computed.mockImplementationOnce(async (...args) => {
      await gate;
      return actual(...args);
    });
    const calls = computed.mock.calls.length;
    const first = get(cookie);
    await vi.waitFor(() => expect(computed.mock.calls.length).toBe(calls + 1));
    const second = await get(cookie);
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('1');
    release();
    expect((await first).status).toBe(200);
    expect((await get(cookie)).status).toBe(200);
  });

  it('GET /api/rules/draft/:version/preview – refusals: not a draft 409, unknown 404, garbled 400', async () => {
    const cookie = await personWith('admin');
    expect((await get(cookie, 1)).json).toMatchObject({ error: { code: 'not_draft' } });
    expect((await get(cookie, 1)).status).toBe(409);
    const missing = await get(cookie, 999);
    expect([missing.status, (missing.json as { error: { code: string } }).error.code]).toEqual([
      404,
      'not_found',
    ]);
    const garbled = await callRoute(GET, '/api/rules/draft/x/preview', {
      params: { version: '1x' },
      cookie,
    });
    expect(garbled.status).toBe(400);
    expect(garbled.json).toMatchObject({ error: { fields: [{ path: 'params.version' }] } });
    const huge = await callRoute(GET, '/api/rules/draft/x/preview', {
      params: { version: '99999999999' },
      cookie,
    });
    expect(huge.json).toMatchObject({
      error: { fields: [{ path: 'params.version', code: 'too_big', maximum: 2_147_483_647 }] },
    });
  });
});
