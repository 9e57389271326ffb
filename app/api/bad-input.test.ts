import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Sql } from '../../db/client';
import { roles, type Role } from '../../db/schema/accounts';
import { useTestDb } from '../../db/testing/test-db';
import type { RouteHandler } from '../../lib/api/define-route';
import type { SignedRouteHandler } from '../../lib/api/define-signed-route';
import { badJsonFor, badStringsFor, badText } from '../../lib/api/testing/bad-values';
import { callRoute, sessionCookie, type CallOptions } from '../../lib/api/testing/call-route';
import { changedTables, snapshotTables } from '../../lib/api/testing/db-snapshot';
import {
  fillPattern,
  loadRouteTable,
  outsideTheContract,
  paramNames,
  signatureAuthenticated,
  type RouteEntry,
} from '../../lib/api/testing/route-table';
import { createDemoUsers } from '../../lib/auth/bootstrap';
import { permissionRoles } from '../../lib/auth/permissions';
import { seedDemo } from '../../lib/demo/seed-demo';
import { startDraft } from '../../lib/lifecycle/rule-set-writes';
import { signatureFor } from '../../lib/webhooks/signature';
import { addWebhookSource } from '../../lib/webhooks/sources';

// Issue 19: every route that takes input, called as an allowed role with generated bad
// params, query values and bodies, answers a 4xx in the one error shape and changes
// nothing. Routes are read from app/api on disk, so a new route joins by existing.

const runsPerRoute = 30;
const root = path.resolve(import.meta.dirname, '../..');

let sql: Sql;
let routes: RouteEntry[] = [];
const cookieOf = {} as Record<Role, string>;
const ids = {
  fan: 0,
  otherFan: 0,
  segment: 0,
  tag: 0,
  user: 0,
  community: 0,
  draft: 0,
  published: 0,
  post: 0,
};
const inputsSent = new Map<string, number>();
const appSecret = 'bad-input-app-secret-bad-input-app-secret';
let webhookSecret = '';

beforeAll(async () => {
  const test = await useTestDb();
  process.env.DATABASE_URL = test.url;
  sql = test.sql;
  await seedDemo(test.db, { fans: 30, seed: 5, end: new Date() });
  await createDemoUsers(test.db);
  const users = await sql<{ id: number; role: Role }[]>`select id, role from users order by id`;
  for (const user of users) cookieOf[user.role] = await sessionCookie(user);
  const admin = users.find((u) => u.role === 'admin')!;
  ids.user = users.find((u) => u.role === 'support')!.id;
  const fans = await sql<{ id: number }[]>`select id from fans order by id limit 2`;
  ids.fan = fans[0]!.id;
  ids.otherFan = fans[1]!.id;
  ids.community = (
    await sql<{ id: number }[]>`select id from communities order by id limit 1`
  )[0]!.id;
  ids.post = (await sql<{ id: number }[]>`select id from posts order by id limit 1`)[0]!.id;
  ids.published = (
    await sql<{ version: number }[]>`select version from rule_sets where status = 'published'`
  )[0]!.version;
  ids.draft = (await startDraft(test.db, { actorUserId: admin.id })).version;
  ids.segment = (
    await sql<
      { id: number }[]
    >`insert into segments (name, filters) values ('Saved', '{}') returning id`
  )[0]!.id;
  ids.tag = (
    await sql<{ id: number }[]>`insert into tags (name) values ('vip') returning id`
  )[0]!.id;
  await sql`insert into fan_tags (fan_id, tag_id) values (${ids.fan}, ${ids.tag})`;
  process.env.APP_SECRET = appSecret;
  webhookSecret = (await addWebhookSource(test.db, { name: 'Shop' }, appSecret)).secret;
  routes = await loadRouteTable(root);
}, 300_000);

afterAll(() => {
  const total = [...inputsSent.values()].reduce((a, b) => a + b, 0);
  console.log(
    `[bad-input] ${inputsSent.size} route handlers, ${total} generated bad inputs:\n` +
      [...inputsSent].map(([route, n]) => `  ${route}: ${n}`).join('\n'),
  );
});

/** Valid values for a route's [segments], from the seeded database. */
function validParams(pattern: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const name of paramNames(pattern)) {
    if (name === 'version')
      params[name] = String(pattern.includes('/versions/') ? ids.published : ids.draft);
    else if (name === 'chart')
      params[name] = pattern.includes('/growth/') ? 'cohorts' : 'stage-summary';
    else if (name === 'tagId') params[name] = String(ids.tag);
    else if (pattern.startsWith('/api/fans/')) params[name] = String(ids.fan);
    else if (pattern.startsWith('/api/segments/')) params[name] = String(ids.segment);
    else if (pattern.startsWith('/api/settings/users/')) params[name] = String(ids.user);
    else if (pattern.startsWith('/api/communities/')) params[name] = String(ids.community);
    else if (pattern.startsWith('/api/posts/')) params[name] = String(ids.post);
    else params[name] = '1';
  }
  return params;
}

const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Query values that make the rest of the request valid, so one bad value is the cause. */
function validQuery(pattern: string): Record<string, string> {
  if (/^\/api\/(overview|growth)\//.test(pattern))
    return { community: String(ids.community), from: day(-30), to: day(0) };
  if (pattern.includes('engagements-per-day')) return { from: day(-30), to: day(0) };
  if (pattern === '/api/fans') return { q: 'a' };
  return {};
}

/** Bodies that are valid but for the one field a variant spoils. */
const validBodies: Record<string, () => Record<string, unknown>> = {
  'PUT /api/rules/draft/[version]': () => ({
    params: {
      new_window_days: 7,
      activation_min_engagements: 3,
      core_window_days: 30,
      core_active_days_over: 20,
      core_messages_over: 50,
      at_risk_silence_days: 15,
      churn_extra_silence_days: 30,
      high_value_window_days: 365,
      high_value_min_spend: 0,
    },
  }),
  'POST /api/segments/saved': () => ({ name: 'Generated', query: 'stage=active' }),
  'POST /api/fans/[id]/tags': () => ({ name: 'generated' }),
  'POST /api/fans/[id]/erase': () => ({ confirm: `#${ids.otherFan}` }),
  'POST /api/settings/users': () => ({
    email: 'generated@example.test',
    name: 'Generated',
    role: 'growth',
    password: 'a-long-enough-password',
  }),
  'PATCH /api/settings/users/[id]': () => ({ role: 'growth' }),
  // The demo community's own zone: even a request that slipped through would change nothing.
  'PATCH /api/communities/[id]/time-zone': () => ({ timeZone: 'Asia/Shanghai' }),
  'POST /api/settings/webhooks': () => ({ name: 'Generated' }),
  'POST /api/settings/webhooks/[id]/rotate': () => ({ overlapHours: 24 }),
};

const shapeOf = (schema: z.ZodType | undefined): Record<string, z.ZodType> =>
  schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {};

interface Variant {
  what: string;
  options: CallOptions;
}

const badUploads: { what: string; body: string; type?: string }[] = [
  { what: 'not JSON', body: 'not json at all' },
  { what: 'cut-off JSON', body: '{"name": "x", "messages": [' },
  { what: 'nested 20,000 deep', body: '['.repeat(20_000) + ']'.repeat(20_000) },
  { what: 'empty', body: '' },
  { what: 'a number', body: '42' },
  { what: 'an array', body: '[]' },
  { what: 'no chats', body: '{}' },
  { what: 'chat id 1.5', body: '{"name":"x","type":"public_channel","id":1.5,"messages":[]}' },
  { what: 'chat id 1e300', body: '{"name":"x","type":"public_channel","id":1e300,"messages":[]}' },
  { what: 'channel id -5', body: '{"name":"x","type":"public_channel","id":-5,"messages":[]}' },
  {
    what: 'chat id 1e17',
    body: '{"name":"x","type":"private_group","id":100000000000000000,"messages":[]}',
  },
  {
    what: 'messages as numbers',
    body: '{"name":"x","type":"private_group","id":5,"messages":[1,2,3]}',
  },
  {
    what: 'a NUL in the name',
    body: '{"name":"x\\u0000","type":"private_group","id":5,"messages":[{"id":1}]}',
  },
  {
    what: 'sent as text/plain',
    body: '{"name":"x","type":"private_group","id":5,"messages":[]}',
    type: 'text/plain',
  },
  { what: 'sent as a form', body: 'name=x', type: 'application/x-www-form-urlencoded' },
];

/** Every kind of bad request for one route handler, as a fast-check arbitrary. */
function variantsOf(entry: RouteEntry): fc.Arbitrary<Variant> | null {
  const contract = (entry.handler as RouteHandler).contract;
  const params = validParams(entry.pattern);
  const query = validQuery(entry.pattern);
  const base: CallOptions = { method: entry.method, params, query };
  const options: fc.Arbitrary<Variant>[] = [];

  const paramShape = shapeOf(contract.params);
  for (const name of paramNames(entry.pattern))
    options.push(
      badStringsFor(paramShape[name], name, { inUrl: true }).map((value) => ({
        what: `params.${name} = ${JSON.stringify(value.slice(0, 60))}`,
        options: { ...base, params: { ...params, [name]: value } },
      })),
    );

  for (const [key, schema] of Object.entries(shapeOf(contract.query)))
    options.push(
      badStringsFor(schema, key, { inUrl: true }).map((value) => ({
        what: `query.${key} = ${JSON.stringify(value.slice(0, 60))}`,
        options: { ...base, query: { ...query, [key]: value } },
      })),
    );

  const sendsBody = entry.method !== 'GET';
  const validBody = validBodies[`${entry.method} ${entry.pattern}`]?.() ?? {};
  if (sendsBody && contract.body) {
    for (const [key, schema] of Object.entries(shapeOf(contract.body)))
      options.push(
        badJsonFor(schema, key).map((value) => ({
          what: `body.${key} = ${JSON.stringify(value)?.slice(0, 60)}`,
          options: { ...base, json: { ...validBody, [key]: value } },
        })),
      );
    options.push(
      fc.constantFrom<Variant>(
        ...[42, 'text', [], null, true, [validBody]].map((json) => ({
          what: `body = ${JSON.stringify(json).slice(0, 60)}`,
          options: { ...base, json },
        })),
        {
          what: 'cut-off JSON',
          options: { ...base, raw: '{"name":', contentType: 'application/json' },
        },
        { what: 'empty JSON body', options: { ...base, raw: '', contentType: 'application/json' } },
        ...[
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
        ].map((contentType) => ({
          what: `valid body as ${contentType}`,
          options: { ...base, raw: JSON.stringify(validBody), contentType },
        })),
        { what: 'no content type', options: { ...base, raw: JSON.stringify(validBody) } },
        {
          what: 'a body of 200 KB',
          options: { ...base, json: { ...validBody, padding: 'x'.repeat(200_000) } },
        },
      ),
    );
  } else if (sendsBody && contract.upload) {
    options.push(
      fc.constantFrom(...badUploads).map((u) => ({
        what: `upload: ${u.what}`,
        options: {
          ...base,
          raw: u.body,
          contentType: u.type ?? 'application/json',
          headers: { 'x-file-name': 'result.json' },
        },
      })),
    );
  } else if (sendsBody) {
    options.push(
      fc.oneof(badText, fc.constant('{"x":1}')).map((text) => ({
        what: `a body where none is taken: ${JSON.stringify(text.slice(0, 40))}`,
        options: { ...base, raw: text, contentType: 'application/json' },
      })),
    );
  }
  return options.length > 0 ? fc.oneof(...options) : null;
}

const contractRoutes = () =>
  routes.filter((r) => !outsideTheContract.has(r.pattern) && 'contract' in r.handler);

const signedRoutes = () => routes.filter((r) => 'signedContract' in r.handler);

describe('every route', () => {
  it('is made with defineRoute (session, role, origin, body checks and one error shape)', () => {
    const bare = routes
      .filter(
        (r) =>
          !outsideTheContract.has(r.pattern) &&
          !('contract' in r.handler) &&
          !(signatureAuthenticated.has(r.pattern) && 'signedContract' in r.handler),
      )
      .map((r) => `${r.method} ${r.pattern}`);
    expect(bare).toEqual([]);
    expect(routes.length).toBeGreaterThan(15);
  });

  it('is without a session only when listed as signature-authenticated, and made with defineSignedRoute', () => {
    expect(new Set(signedRoutes().map((r) => r.pattern))).toEqual(signatureAuthenticated);
    for (const entry of routes.filter((r) => signatureAuthenticated.has(r.pattern)))
      expect('contract' in entry.handler, `${entry.method} ${entry.pattern}`).toBe(false);
  });

  it('refuses a request without a session (401) and a role without the permission (403)', async () => {
    for (const entry of contractRoutes()) {
      const { permission } = (entry.handler as RouteHandler).contract;
      const url = fillPattern(entry.pattern, validParams(entry.pattern));
      const call = (cookie?: string) =>
        callRoute(entry.handler as RouteHandler, url, {
          method: entry.method,
          params: validParams(entry.pattern),
          cookie,
        });
      const anonymous = await call();
      expect(anonymous.status, `${entry.method} ${entry.pattern}`).toBe(401);
      const outsider = roles.find((role) => !permissionRoles[permission].includes(role));
      if (outsider) {
        const refused = await call(cookieOf[outsider]);
        expect(refused.status, `${entry.method} ${entry.pattern} as ${outsider}`).toBe(403);
      }
    }
  });

  it('answers generated bad input with a 4xx that says what is wrong, and changes nothing', async () => {
    for (const entry of contractRoutes()) {
      const variants = variantsOf(entry);
      if (!variants) continue;
      const route = `${entry.method} ${entry.pattern}`;
      const role = permissionRoles[(entry.handler as RouteHandler).contract.permission][0]!;
      await fc.assert(
        fc.asyncProperty(variants, async (variant) => {
          const before = await snapshotTables(sql);
          const params = variant.options.params ?? {};
          const res = await callRoute(
            entry.handler as RouteHandler,
            fillPattern(entry.pattern, params),
            { ...variant.options, cookie: cookieOf[role] },
          );
          inputsSent.set(route, (inputsSent.get(route) ?? 0) + 1);
          const where = `${route} with ${variant.what} → ${res.status} ${res.text.slice(0, 300)}`;
          expect(res.status, where).toBeGreaterThanOrEqual(400);
          expect(res.status, where).toBeLessThan(500);
          expect(res.json, where).toMatchObject({
            error: { code: expect.any(String), message: expect.any(String) },
          });
          expect(res.text, where).not.toContain(tmpdir());
          expect(changedTables(before, await snapshotTables(sql)), where).toEqual([]);
        }),
        { numRuns: runsPerRoute },
      );
    }
    const total = [...inputsSent.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(500);
  }, 600_000);

  it('refuses a signed route without a valid signature (401) and bad bodies (4xx), changing nothing', async () => {
    const now = () => Math.floor(Date.now() / 1000);
    const event = JSON.stringify({
      id: 'evt_1',
      type: 'order.paid',
      order: {
        id: 'o1',
        customer_id: 'c1',
        amount: '10.00',
        currency: 'USD',
        occurred_at: '2026-01-01T00:00:00Z',
      },
    });
    const badEvents = [
      event.replace('order.paid', 'order.shipped'),
      event.replace('"10.00"', '"ten"'),
      event.replace('"USD"', '"usd"'),
      event.replace('"o1"', '"o\\u0000"'),
      event.replace('"evt_1"', '""'),
      event.replace('2026-01-01T00:00:00Z', 'yesterday'),
      event.slice(0, -1),
    ];
    type Signing = [string, (body: string) => string | null];
    const signatures = fc.constantFrom<Signing>(
      ['none', () => null],
      ['empty', () => ''],
      ['garbled', () => 'sha256=abc'],
      ['no v1', () => `t=${now()}`],
      ['short v1', (body) => signatureFor(webhookSecret, body).slice(0, -2)],
      ['another secret', (body) => signatureFor('whsec_another', body)],
      ['six minutes old', (body) => signatureFor(webhookSecret, body, now() - 360)],
      ['six minutes ahead', (body) => signatureFor(webhookSecret, body, now() + 360)],
      ['of another body', () => signatureFor(webhookSecret, event)],
      ['valid', (body) => signatureFor(webhookSecret, body)],
    );
    const bodies = fc.constantFrom(...badUploads.map((u) => u.body), ...badEvents);
    for (const entry of signedRoutes()) {
      const route = `${entry.method} ${entry.pattern}`;
      const { signatureHeader } = (entry.handler as SignedRouteHandler).signedContract;
      await fc.assert(
        fc.asyncProperty(bodies, signatures, async (body, [what, signed]) => {
          const before = await snapshotTables(sql);
          const signature = signed(body);
          const res = await callRoute(entry.handler as SignedRouteHandler, entry.pattern, {
            method: entry.method,
            raw: body,
            contentType: 'application/json',
            headers: signature === null ? {} : { [signatureHeader]: signature },
          });
          const where = `${route} signed ${what}, body ${JSON.stringify(body.slice(0, 60))} → ${res.status} ${res.text.slice(0, 300)}`;
          if (what === 'valid') {
            expect(res.status, where).toBeGreaterThanOrEqual(400);
            expect(res.status, where).toBeLessThan(500);
          } else expect(res.status, where).toBe(401);
          expect(res.json, where).toMatchObject({
            error: { code: expect.any(String), message: expect.any(String) },
          });
          expect(changedTables(before, await snapshotTables(sql)), where).toEqual([]);
        }),
        { numRuns: 100 },
      );
    }
  }, 300_000);
});
