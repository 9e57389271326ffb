import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import type { Role } from '@/db/schema/accounts';
import { useTestDb } from '@/db/testing/test-db';
import { callRoute, sessionCookie, type CallOptions } from '@/lib/api/testing/call-route';
import { createUser } from '@/lib/auth/users';
import { defaultRuleParams } from '@/lib/lifecycle/rule-params';
import { GET } from './route';
import { POST as startDraft } from './draft/route';
import { DELETE as discardDraft, PUT as saveDraft } from './draft/[version]/route';
import { POST as publish } from './draft/[version]/publish/route';
import { POST as rollback } from './versions/[version]/rollback/route';

// Each rules route's refusals (code, status, fields with their limits) and the audit row
// of each change, against a real database.

let db: Database;
const cookie: Partial<Record<Role, string>> = {};
const ids: Partial<Record<Role, number>> = {};

beforeAll(async () => {
  const test = await useTestDb();
  db = test.db;
  process.env.DATABASE_URL = test.url;
  for (const role of ['admin', 'operator', 'growth', 'support'] as const) {
    const user = await createUser(db, {
      email: `${role}@x.test`,
      name: role,
      password: 'long-enough-pass',
      role,
    });
    ids[role] = user.id;
    cookie[role] = await sessionCookie(user);
  }
});

type Handler = Parameters<typeof callRoute>[0];
const call = (
  handler: Handler,
  method: string,
  version: number | string | null,
  options: CallOptions = {},
) =>
  callRoute(handler, `/api/rules/${version ?? ''}`, {
    method,
    cookie: cookie.operator,
    ...(version === null ? {} : { params: { version: String(version) } }),
    ...options,
  });
const errorOf = (res: { json: unknown }) =>
  (res.json as { error: { code: string; fields?: unknown[] } }).error;

/** Everything a refused change must leave as it was. */
const snapshot = async () => [
  await db.execute(
    sql`select version, status, params, note, published_at from rule_sets order by version`,
  ),
  await db.execute(
    sql`select action, entity_id from audit_log where entity = 'rule_set' order by id`,
  ),
];
const ruleSetAudit = () =>
  db.execute<{
    action: string;
    actor_user_id: number | null;
    entity_id: string;
    before: unknown;
    after: unknown;
  }>(
    sql`select action, actor_user_id, entity_id, before, after from audit_log
      where entity = 'rule_set' order by id desc limit 1`,
  );

let draft = 0;

describe('rules routes', () => {
  it('GET /api/rules – the state for readers; 403 for support, 401 without a session', async () => {
    const res = await callRoute(GET, '/api/rules', { cookie: cookie.growth });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      published: { version: 1, note: 'Default rules' },
      draft: null,
    });
    expect((await callRoute(GET, '/api/rules', { cookie: cookie.support })).status).toBe(403);
    expect((await callRoute(GET, '/api/rules')).status).toBe(401);
  });

  it('POST /api/rules/draft – starts a draft, audited with the acting user', async () => {
    const res = await call(startDraft, 'POST', null);
    expect(res.status).toBe(200);
    draft = (res.json as { version: number }).version;
    expect(res.json).toEqual({ version: draft, params: defaultRuleParams });
    const [row] = await ruleSetAudit();
    expect(row).toMatchObject({
      action: 'rule_set.start_draft',
      actor_user_id: ids.operator,
      entity_id: String(draft),
      after: { version: draft, basedOnVersion: 1, params: defaultRuleParams },
    });
    expect((await call(startDraft, 'POST', null, { cookie: cookie.growth })).status).toBe(403);
    const body = await call(startDraft, 'POST', null, { json: { x: 1 } });
    expect([body.status, errorOf(body).code]).toEqual([400, 'invalid']);
  });

  it('PUT /api/rules/draft/:version – out-of-range values: each field with its limit, nothing saved', async () => {
    const before = await snapshot();
    const res = await call(saveDraft, 'PUT', draft, {
      json: {
        params: {
          ...defaultRuleParams,
          new_window_days: 0,
          core_window_days: 366,
          high_value_min_spend: -1,
          at_risk_silence_days: 2.5,
          churn_extra_silence_days: null,
        },
      },
    });
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('invalid');
    expect(errorOf(res).fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'body.params.new_window_days',
          code: 'too_small',
          minimum: 1,
        }),
        expect.objectContaining({
          path: 'body.params.core_window_days',
          code: 'too_big',
          maximum: 365,
        }),
        expect.objectContaining({
          path: 'body.params.high_value_min_spend',
          code: 'too_small',
          minimum: 0,
        }),
        expect.objectContaining({ path: 'body.params.at_risk_silence_days', code: 'invalid_type' }),
        expect.objectContaining({
          path: 'body.params.churn_extra_silence_days',
          code: 'invalid_type',
          expected: 'number',
        }),
      ]),
    );
    expect(errorOf(res).fields).toHaveLength(5);
    expect(await snapshot()).toEqual(before);
  });

  it('PUT /api/rules/draft/:version – core days not within the core window: its own code, the largest value', async () => {
    const before = await snapshot();
    const res = await call(saveDraft, 'PUT', draft, {
      json: { params: { ...defaultRuleParams, core_window_days: 21, core_active_days_over: 25 } },
    });
    expect(res.status).toBe(400);
    expect(errorOf(res).fields).toEqual([
      expect.objectContaining({
        path: 'body.params.core_active_days_over',
        code: 'core_days_within_window',
        maximum: 20,
      }),
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('PUT /api/rules/draft/:version – wrong body: not JSON 415, malformed 400, unknown or missing keys 400', async () => {
    const before = await snapshot();
    const text = await call(saveDraft, 'PUT', draft, {
      raw: 'params=1',
      contentType: 'text/plain',
    });
    expect([text.status, errorOf(text).code]).toEqual([415, 'unsupported_media_type']);
    const broken = await call(saveDraft, 'PUT', draft, {
      raw: '{"params":',
      contentType: 'application/json',
    });
    expect([broken.status, errorOf(broken).code]).toEqual([400, 'invalid_json']);
    const vip = await call(saveDraft, 'PUT', draft, {
      json: { params: { ...defaultRuleParams, vip: 1 } },
    });
    expect(errorOf(vip).fields).toEqual([
      expect.objectContaining({ path: 'body.params', code: 'unrecognized_keys' }),
    ]);
    const partial = await call(saveDraft, 'PUT', draft, {
      json: { params: { new_window_days: 7 } },
    });
    expect(partial.status).toBe(400);
    const notObject = await call(saveDraft, 'PUT', draft, { json: 'not json' });
    expect(notObject.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it('PUT /api/rules/draft/:version – unknown version 404, not a draft 409, garbled version 400', async () => {
    const json = { params: defaultRuleParams };
    const missing = await call(saveDraft, 'PUT', 999, { json });
    expect([missing.status, errorOf(missing).code]).toEqual([404, 'not_found']);
    const published = await call(saveDraft, 'PUT', 1, { json });
    expect([published.status, errorOf(published).code]).toEqual([409, 'not_draft']);
    for (const version of ['abc', '0', '-1', '1.5', '01', '99999999999']) {
      const res = await call(saveDraft, 'PUT', version, { json });
      expect(res.status).toBe(400);
      expect(errorOf(res).fields).toEqual([expect.objectContaining({ path: 'params.version' })]);
    }
    expect((await call(saveDraft, 'PUT', draft, { json, cookie: cookie.growth })).status).toBe(403);
  });

  it('PUT /api/rules/draft/:version – saves, audited with the values before and after', async () => {
    const params = { ...defaultRuleParams, at_risk_silence_days: 10 };
    const res = await call(saveDraft, 'PUT', draft, { json: { params } });
    expect(res.json).toEqual({ version: draft, params });
    const [row] = await ruleSetAudit();
    expect(row).toEqual({
      action: 'rule_set.save_draft',
      actor_user_id: ids.operator,
      entity_id: String(draft),
      before: { params: defaultRuleParams },
      after: { params },
    });
  });

  it('POST /api/rules/draft/:version/publish – a note with a NUL, empty or too long: 400, nothing changed', async () => {
    const before = await snapshot();
    for (const [note, issue] of [
      ['Faster\u0000win-back', { code: 'control_character' }],
      ['   ', { code: 'too_small', minimum: 1 }],
      ['x'.repeat(501), { code: 'too_big', maximum: 500 }],
      [42, { code: 'invalid_type' }],
    ] as const) {
      const res = await call(publish, 'POST', draft, { json: { note } });
      expect(res.status).toBe(400);
      expect(errorOf(res).fields).toEqual([
        expect.objectContaining({ path: 'body.note', ...issue }),
      ]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('POST /api/rules/draft/:version/publish – a stale draft is 409 stale_draft, nothing changed', async () => {
    await db.execute(sql`update rule_sets set based_on_version = 0 where version = ${draft}`);
    const before = await snapshot();
    const res = await call(publish, 'POST', draft, { json: { note: 'stale' } });
    expect([res.status, errorOf(res).code]).toEqual([409, 'stale_draft']);
    expect(await snapshot()).toEqual(before);
    await db.execute(sql`update rule_sets set based_on_version = 1 where version = ${draft}`);
  });

  it('POST /api/rules/draft/:version/publish – publishes, audited; again is 409 not_draft', async () => {
    const res = await call(publish, 'POST', draft, { json: { note: ' Faster win-back ' } });
    expect(res.json).toEqual({ version: draft });
    const [row] = await ruleSetAudit();
    expect(row).toMatchObject({
      action: 'rule_set.publish',
      actor_user_id: ids.operator,
      entity_id: String(draft),
      before: { version: 1, params: defaultRuleParams },
      after: { version: draft, note: 'Faster win-back' },
    });
    const again = await call(publish, 'POST', draft, { json: { note: 'again' } });
    expect([again.status, errorOf(again).code]).toEqual([409, 'not_draft']);
    expect((await call(publish, 'POST', 999, { json: { note: 'x' } })).status).toBe(404);
  });

  it('DELETE /api/rules/draft/:version – discards, audited; again 409, unknown 404', async () => {
    const started = await call(startDraft, 'POST', null, { cookie: cookie.admin });
    const version = (started.json as { version: number }).version;
    const res = await call(discardDraft, 'DELETE', version, { cookie: cookie.admin });
    expect(res.json).toEqual({ discarded: version });
    const [row] = await ruleSetAudit();
    expect(row).toMatchObject({
      action: 'rule_set.discard',
      actor_user_id: ids.admin,
      entity_id: String(version),
      before: { version, basedOnVersion: draft },
    });
    const again = await call(discardDraft, 'DELETE', version);
    expect([again.status, errorOf(again).code]).toEqual([409, 'not_draft']);
    expect((await call(discardDraft, 'DELETE', 999)).status).toBe(404);
    expect((await call(discardDraft, 'DELETE', version, { cookie: cookie.growth })).status).toBe(
      403,
    );
  });

  it('POST /api/rules/versions/:version/rollback – a NUL note is 400; unknown 404; a rollback is audited', async () => {
    const before = await snapshot();
    const nul = await call(rollback, 'POST', 1, { json: { note: 'back\u0000' } });
    expect(errorOf(nul).fields).toEqual([
      expect.objectContaining({ path: 'body.note', code: 'control_character' }),
    ]);
    const missing = await call(rollback, 'POST', 999, { json: { note: 'back' } });
    expect([missing.status, errorOf(missing).code]).toEqual([404, 'not_found']);
    const current = await call(rollback, 'POST', draft, { json: { note: 'back' } });
    expect([current.status, errorOf(current).code]).toEqual([400, 'invalid']);
    const noBody = await call(rollback, 'POST', 1, {});
    expect(noBody.status).toBe(415);
    expect(await snapshot()).toEqual(before);

    const res = await call(rollback, 'POST', 1, { json: { note: 'Too many at risk' } });
    const version = (res.json as { version: number }).version;
    expect(version).toBeGreaterThan(draft);
    const [row] = await ruleSetAudit();
    expect(row).toMatchObject({
      action: 'rule_set.rollback',
      actor_user_id: ids.operator,
      entity_id: String(version),
      before: { version: draft },
      after: { version, params: defaultRuleParams, note: 'Too many at risk', rolledBackTo: 1 },
    });
  });
});
