import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database, Sql } from '@/db/client';
import { useTestDb } from '@/db/testing/test-db';
import { callRoute } from '@/lib/api/testing/call-route';
import { changedTables, snapshotTables } from '@/lib/api/testing/db-snapshot';
import { signatureFor } from '@/lib/webhooks/signature';
import { addWebhookSource, revokeWebhookSource, rotateWebhookSecret } from '@/lib/webhooks/sources';
import { POST } from './route';

// The signed purchase webhook (DESIGN §5b), called as Next calls it, on a database of its own.

const appSecret = 'webhook-test-app-secret-webhook-test-app-secret';
let db: Database;
let pg: Sql;
let shop: { id: number; secret: string };

beforeAll(async () => {
  const test = await useTestDb();
  db = test.db;
  pg = test.sql;
  process.env.DATABASE_URL = test.url;
  process.env.APP_SECRET = appSecret;
  const added = await addWebhookSource(db, { name: 'Shop' }, appSecret);
  shop = { id: added.source.id, secret: added.secret };
});

const now = () => Math.floor(Date.now() / 1000);

let sequence = 0;
function event(overrides: { type?: string; order?: Record<string, unknown>; id?: string } = {}) {
  sequence += 1;
  return {
    id: overrides.id ?? `evt_${sequence}`,
    type: overrides.type ?? 'order.paid',
    order: {
      id: `order-${sequence}`,
      customer_id: `cust-${sequence}`,
      amount: '19.90',
      currency: 'USD',
      occurred_at: '2026-03-01T10:00:00Z',
      ...overrides.order,
    },
  };
}

/** Posts `body` (JSON-encoded unless a string) signed as `signature` says. */
type Signer = (raw: string | Buffer) => string;

function deliver(
  body: unknown,
  signature: string | null | Signer = (raw) => signatureFor(shop.secret, raw),
) {
  const raw = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const header = typeof signature === 'function' ? signature(raw) : signature;
  return callRoute(POST, '/api/webhooks/purchases', {
    method: 'POST',
    raw: typeof raw === 'string' ? raw : new Uint8Array(raw),
    contentType: 'application/json',
    headers: header === null ? {} : { 'x-signature': header },
  });
}

/** Runs `request` and expects it to change no table. */
async function unchanged<T>(request: () => Promise<T>): Promise<T> {
  const before = await snapshotTables(pg);
  const result = await request();
  expect(changedTables(before, await snapshotTables(pg))).toEqual([]);
  return result;
}

async function purchasesOf(orderId: string) {
  return db.execute<{
    status: string;
    amount: string;
    currency: string;
    customer_key: string;
    fan_id: number | null;
  }>(sql`
    select p.status, p.amount::text, p.currency, c.customer_key, p.fan_id
    from purchases p join customers c on c.id = p.customer_id
    where p.order_id = ${orderId} order by p.id`);
}

describe('POST /api/webhooks/purchases', () => {
  it('stores a paid order, creating the customer linked to the fan by Telegram id, and queues the fan', async () => {
    const paid = event({ order: { telegram_user_id: 777_001 } });
    const res = await deliver(paid);
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({ result: 'stored' });
    const [fan] = await db.execute<{ id: number }>(
      sql`select id from fans where telegram_user_id = 777001`,
    );
    expect(fan).toBeDefined();
    expect(await purchasesOf(paid.order.id)).toEqual([
      {
        status: 'paid',
        amount: '19.90',
        currency: 'USD',
        customer_key: paid.order.customer_id,
        fan_id: fan!.id,
      },
    ]);
    const [customer] = await db.execute<{ fan_id: number; linked_by: string }>(
      sql`select fan_id, linked_by from customers where customer_key = ${paid.order.customer_id}`,
    );
    expect(customer).toEqual({ fan_id: fan!.id, linked_by: 'order' });
    const queued = await db.execute(
      sql`select 1 from lifecycle_dirty_fans where fan_id = ${fan!.id}`,
    );
    expect(queued.length).toBe(1);
    const [recorded] = await db.execute<{ source_id: number; type: string; order_id: string }>(
      sql`select source_id, type, order_id from webhook_events where event_id = ${paid.id}`,
    );
    expect(recorded).toEqual({ source_id: shop.id, type: 'order.paid', order_id: paid.order.id });
  });

  it('stores a refund negative, and keeps an order without a Telegram id unlinked', async () => {
    const paid = event({ order: { amount: '50', telegram_user_id: undefined } });
    expect((await deliver(paid)).status).toBe(200);
    const refund = event({ type: 'order.refunded', order: { ...paid.order, amount: '20.50' } });
    const res = await deliver(refund);
    expect(res.status, res.text).toBe(200);
    expect(await purchasesOf(paid.order.id)).toEqual([
      expect.objectContaining({ status: 'paid', amount: '50.00', fan_id: null }),
      expect.objectContaining({ status: 'refunded', amount: '-20.50', fan_id: null }),
    ]);
  });

  it('answers a repeated event 200 and changes nothing, even with another body', async () => {
    const paid = event();
    expect((await deliver(paid)).status).toBe(200);
    const again = await unchanged(() => deliver(paid));
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ result: 'already_received' });
    const changed = { ...paid, order: { ...paid.order, amount: '99.00' } };
    expect((await unchanged(() => deliver(changed))).json).toEqual({
      result: 'already_received',
    });
    expect((await purchasesOf(paid.order.id)).map((p) => p.amount)).toEqual(['19.90']);
  });

  it('accepts a signature made t seconds ago within five minutes, and one of several v1=', async () => {
    const late = await deliver(event(), (raw) => signatureFor(shop.secret, raw, now() - 290));
    expect(late.status, late.text).toBe(200);
    const several = await deliver(event(), (raw) =>
      signatureFor(['whsec_not-this-one', shop.secret], raw),
    );
    expect(several.status, several.text).toBe(200);
  });

  const refusals: [string, unknown, string | null | Signer, number, string][] = [
    ['no X-Signature', event(), null, 401, 'invalid_signature'],
    ['an empty X-Signature', event(), '', 401, 'invalid_signature'],
    ['a garbled X-Signature', event(), 'sha256=0123abcd', 401, 'invalid_signature'],
    [
      'a v1 that is not 64 hex digits',
      event(),
      (raw) => signatureFor(shop.secret, raw).slice(0, -1),
      401,
      'invalid_signature',
    ],
    ['t without v1', event(), () => `t=${now()}`, 401, 'invalid_signature'],
    [
      'another secret',
      event(),
      (raw) => signatureFor('whsec_guessed', raw),
      401,
      'invalid_signature',
    ],
    [
      'the signature of another body',
      event(),
      () => signatureFor(shop.secret, JSON.stringify(event())),
      401,
      'invalid_signature',
    ],
    [
      'a signed t changed afterwards',
      event(),
      (raw) => signatureFor(shop.secret, raw, now() - 10).replace(/^t=\d+/, `t=${now()}`),
      401,
      'invalid_signature',
    ],
    [
      't more than five minutes ago (310 s)',
      event(),
      (raw) => signatureFor(shop.secret, raw, now() - 310),
      401,
      'stale_signature',
    ],
    [
      't more than five minutes ahead (310 s)',
      event(),
      (raw) => signatureFor(shop.secret, raw, now() + 310),
      401,
      'stale_signature',
    ],
    ['a body that is not JSON', '{"id": "evt", "type":', undefined!, 400, 'invalid_json'],
    ['a body that is not UTF-8', Buffer.from([0x22, 0xff, 0x22]), undefined!, 400, 'invalid_json'],
  ];
  it.each(refusals)('refuses %s, changing nothing', async (_, body, signature, status, code) => {
    const res = await unchanged(() =>
      signature === undefined ? deliver(body) : deliver(body, signature),
    );
    expect(res.status, res.text).toBe(status);
    expect(res.json).toMatchObject({ error: { code, message: expect.any(String) } });
  });

  it('says when t is stale which way and by how much', async () => {
    const res = await deliver(event(), (raw) => signatureFor(shop.secret, raw, now() + 600));
    expect((res.json as { error: { message: string } }).error.message).toMatch(
      /^t is (599|600) seconds ahead of the server's clock, more than 300/,
    );
  });

  const badFields: [string, unknown, string, RegExp][] = [
    ['an unknown type', event({ type: 'order.shipped' }), 'type', /order\.paid or order\.refunded/],
    [
      'an amount that is no decimal',
      event({ order: { amount: '19,90' } }),
      'order.amount',
      /decimal/,
    ],
    ['an amount as a number', event({ order: { amount: 19.9 } }), 'order.amount', /string/],
    ['a lower-case currency', event({ order: { currency: 'usd' } }), 'order.currency', /ISO 4217/],
    ['no customer', event({ order: { customer_id: undefined } }), 'order.customer_id', /string/],
    [
      'a time without its zone',
      event({ order: { occurred_at: '2026-03-01T10:00:00' } }),
      'order.occurred_at',
      /ISO 8601/,
    ],
    [
      'a Telegram id that is no number',
      event({ order: { telegram_user_id: 'ann' } }),
      'order.telegram_user_id',
      /Telegram user id/,
    ],
    ['an order id with a NUL', event({ order: { id: 'o\u0000' } }), 'order.id', /control/],
    ['an empty event id', event({ id: '' }), 'id', /empty/],
    ['no order', { id: 'evt_x', type: 'order.paid' }, 'order', /object/],
    ['an array', [event()], '', /JSON object/],
  ];
  it.each(badFields)(
    'refuses %s with 400 naming the field, changing nothing',
    async (_, body, path, why) => {
      const res = await unchanged(() => deliver(body));
      expect(res.status, res.text).toBe(400);
      const { error } = res.json as {
        error: { code: string; fields: { path: string; message: string }[] };
      };
      expect(error.code).toBe('invalid');
      const field = error.fields.find((f) => f.path === path);
      expect(field, res.text).toBeDefined();
      expect(field!.message).toMatch(why);
    },
  );

  it('refuses a body past 64 KB with 413 before checking anything', async () => {
    const body = { ...event(), padding: 'x'.repeat(70_000) };
    const res = await unchanged(() => deliver(body));
    expect(res.status).toBe(413);
  });

  it('refuses the secrets of a revoked source, changing nothing', async () => {
    const other = await addWebhookSource(db, { name: 'Old CRM' }, appSecret);
    const sign = (raw: string | Buffer) => signatureFor(other.secret, raw);
    expect((await deliver(event(), sign)).status).toBe(200);
    await revokeWebhookSource(db, other.source.id);
    const res = await unchanged(() => deliver(event(), sign));
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ error: { code: 'invalid_signature' } });
  });

  it('takes both secrets during a rotation’s overlap, then only the new one', async () => {
    const source = await addWebhookSource(db, { name: 'Rotating shop' }, appSecret);
    const old = source.secret;
    const rotated = await rotateWebhookSecret(
      db,
      source.source.id,
      { overlapHours: 24 },
      appSecret,
    );
    expect(rotated.secret).not.toBe(old);
    expect(rotated.source.secrets.map((s) => s.state)).toEqual(['valid', 'ending']);
    for (const secret of [old, rotated.secret, [old, rotated.secret]])
      expect((await deliver(event(), (raw) => signatureFor(secret, raw))).status).toBe(200);
    // The overlap ends (as a day later).
    await db.execute(sql`update webhook_secrets set valid_until = now() - interval '1 second'
      where source_id = ${source.source.id} and valid_until is not null`);
    const late = await unchanged(() => deliver(event(), (raw) => signatureFor(old, raw)));
    expect(late.status).toBe(401);
    expect((await deliver(event(), (raw) => signatureFor(rotated.secret, raw))).status).toBe(200);
    // Without an overlap, the secret it replaces stops at once.
    const again = await rotateWebhookSecret(db, source.source.id, { overlapHours: 0 }, appSecret);
    const stopped = await unchanged(() =>
      deliver(event(), (raw) => signatureFor(rotated.secret, raw)),
    );
    expect(stopped.status).toBe(401);
    expect((await deliver(event(), (raw) => signatureFor(again.secret, raw))).status).toBe(200);
  });

  it('keeps each source’s event ids apart', async () => {
    const second = await addWebhookSource(db, { name: 'Second shop' }, appSecret);
    const shared = event({ id: 'evt_shared' });
    expect((await deliver(shared)).json).toEqual({ result: 'stored' });
    const fromSecond = await deliver(shared, (raw) => signatureFor(second.secret, raw));
    expect(fromSecond.json).toEqual({ result: 'stored' });
    const events = await db.execute(
      sql`select 1 from webhook_events where event_id = 'evt_shared'`,
    );
    expect(events.length).toBe(2);
    // The same order and status from either source is one purchase.
    expect((await purchasesOf(shared.order.id)).length).toBe(1);
  });

  it('answers 503 without APP_SECRET, changing nothing', async () => {
    delete process.env.APP_SECRET;
    try {
      const res = await unchanged(() => deliver(event()));
      expect(res.status).toBe(503);
      expect(res.json).toMatchObject({ error: { code: 'not_configured' } });
    } finally {
      process.env.APP_SECRET = appSecret;
    }
  });
});
