import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { useTestDb } from '@/db/testing/test-db';
import { createUser } from '@/lib/auth/users';
import { callRoute, sessionCookie } from '@/lib/api/testing/call-route';

// The route is loaded after the cap is set: it reads IMPORT_MAX_BYTES once, as at start.
const MAX = 100_000;
process.env.IMPORT_MAX_BYTES = String(MAX);
const { POST } = await import('./route');

let db: Database;
let url = '';
let admin = '';

beforeAll(async () => {
  const test = await useTestDb();
  db = test.db;
  url = test.url;
  process.env.DATABASE_URL = test.url;
  const user = await createUser(db, {
    email: 'admin@x.test',
    name: 'Admin',
    password: 'long-enough-pass',
    role: 'admin',
  });
  admin = await sessionCookie(user);
});

const chat = (id: unknown, messages: unknown[], type = 'private_supergroup') =>
  `{"name":"Group","type":"${type}","id":${String(id)},"messages":${JSON.stringify(messages)}}`;
const message = (id: number, from = 'user7') => ({
  id,
  type: 'message',
  date: '2021-01-01T10:00:00',
  date_unixtime: '1609495200',
  from: 'Ann',
  from_id: from,
  text: 'hi',
});

function post(
  body: BodyInit,
  name = 'mine.json',
  headers: Record<string, string> = {},
  contentType = 'application/json',
) {
  return callRoute(POST, '/api/import', {
    method: 'POST',
    raw: body,
    contentType,
    cookie: admin,
    headers: { 'x-file-name': encodeURIComponent(name), ...headers },
  });
}

async function counts() {
  const [row] = await db.execute(sql`select
    (select count(*) from communities)::int as communities, (select count(*) from fans)::int as fans,
    (select count(*) from events)::int as events, (select count(*) from memberships)::int as memberships`);
  return row;
}

async function lastAudit() {
  const [row] = await db.execute<{ action: string; entity_id: string; after: unknown }>(
    sql`select action, entity_id, after from audit_log order by id desc limit 1`,
  );
  return row;
}

async function lastAuditEntity() {
  const [row] = await db.execute<{ entity: string }>(
    sql`select entity from audit_log order by id desc limit 1`,
  );
  return row?.entity;
}

const CSV_HEADER = 'order_id,customer_id,telegram_user_id,amount,currency,occurred_at,status';

const importDirs = () =>
  readdirSync(tmpdir())
    .filter((d) => d.startsWith('fan-lifecycle-import-'))
    .sort();

/** The refusal: its status, code and message naming the file, nothing written, audited. */
async function refused(
  response: Promise<Awaited<ReturnType<typeof post>>>,
  expected: { status: number; code: string; message: RegExp; name?: string },
) {
  const before = await counts();
  const res = await response;
  const name = expected.name ?? 'mine.json';
  expect(res.status).toBe(expected.status);
  const body = res.json as { error: { code: string; message: string } };
  expect(body.error.code).toBe(expected.code);
  expect(body.error.message.startsWith(`${name}: `)).toBe(true);
  expect(body.error.message).toMatch(expected.message);
  // Issue 19.6: never the server's temporary copy.
  expect(res.text).not.toContain(tmpdir());
  expect(res.text).not.toContain('fan-lifecycle-import');
  expect(await counts()).toEqual(before);
  expect(await lastAudit()).toEqual({
    action: 'import.failed',
    entity_id: name,
    after: { code: expected.code, reason: body.error.message },
  });
  return body.error;
}

describe('POST /api/import', () => {
  it('POST /api/import – an export: imported, reported, audited, its temporary copy gone', async () => {
    const dirs = importDirs();
    const res = await post(chat(42, [message(1), message(2, 'user8')]));
    expect(res.status).toBe(200);
    const { report } = res.json as { report: { file: string; added: { events: number } } };
    expect(report).toMatchObject({ file: 'mine.json', added: { events: 2 } });
    expect(await lastAudit()).toMatchObject({
      action: 'import',
      entity_id: 'mine.json',
      after: { communities: 1, fans: 2, cleaned: 0, setAside: 0 },
    });
    expect(importDirs()).toEqual(dirs);
  });

  it('POST /api/import – larger than IMPORT_MAX_BYTES, streamed: 413 naming the file and the limit', async () => {
    const dirs = importDirs();
    const big = chat(43, [{ ...message(1), text: 'x'.repeat(MAX) }]);
    const error = await refused(post(big, 'big.json'), {
      status: 413,
      code: 'payload_too_large',
      message: new RegExp(`larger than the import limit of ${MAX} bytes`),
      name: 'big.json',
    });
    expect(error).toMatchObject({ fields: [{ code: 'too_big', maximum: MAX }] });
    expect(importDirs()).toEqual(dirs);
  });

  it('POST /api/import – larger than IMPORT_MAX_BYTES by its declared length: 413 before reading, named and audited', async () => {
    await refused(post('{}', 'declared.json', { 'content-length': String(MAX + 1) }), {
      status: 413,
      code: 'payload_too_large',
      message: new RegExp(`declared.json: larger than the import limit of ${MAX} bytes`),
      name: 'declared.json',
    });
  });

  it('POST /api/import – nested 20,000 deep: 400 naming the depth and where', async () => {
    const deep = `{"name":"G","type":"private_group","id":5,"messages":[{"id":1,"x":${'['.repeat(20_000)}${']'.repeat(20_000)}}]}`;
    const error = await refused(post(deep, 'deep.json'), {
      status: 400,
      code: 'invalid_export',
      message: /nested deeper than 64 levels at line 1, column \d+/,
      name: 'deep.json',
    });
    expect(error).toMatchObject({ fields: [{ code: 'too_deep', maximum: 64 }] });
  });

  it.each([
    ['1.5', 1.5, 'public_channel'],
    ['1e300', '1e300', 'public_channel'],
    ['-5 for a channel', -5, 'private_channel'],
    ['1e17', 1e17, 'public_supergroup'],
  ])('POST /api/import – chat id %s: 400, not a 500 from ingest', async (_, id, type) => {
    const posts = [{ ...message(1), from: 'News', from_id: 'channel5' }];
    await refused(post(chat(id, posts, type)), {
      status: 400,
      code: 'invalid_export',
      message: /"id" .* is not a Telegram channel or supergroup id/,
    });
  });

  it('POST /api/import – messages that are plain numbers: 400 naming the first', async () => {
    await refused(post(chat(44, [1, 2, 3])), {
      status: 400,
      code: 'invalid_export',
      message: /messages\[0\] is not a message object/,
    });
  });

  it('POST /api/import – not JSON, and no file at all: 400 naming the file', async () => {
    await refused(post('{"messages": [}'), {
      status: 400,
      code: 'invalid_export',
      message: /not valid JSON/,
    });
    await refused(post(''), {
      status: 400,
      code: 'invalid_export',
      message: /not valid JSON|not a Telegram Desktop export/,
    });
  });

  it('POST /api/import – while another process imports: 409 conflict, nothing written', async () => {
    const other = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await other`select pg_advisory_lock(hashtext('telegram_export.import'))`;
      await refused(post(chat(45, [message(1)]), 'second.json'), {
        status: 409,
        code: 'conflict',
        message: /an import is running/,
        name: 'second.json',
      });
    } finally {
      await other.end();
    }
    expect((await post(chat(45, [message(1)]))).status).toBe(200);
  });

  it('POST /api/import – two at once in one server: the second gets 409 while the first runs', async () => {
    const text = new TextEncoder().encode(chat(46, [message(1), message(2)]));
    let release = () => {};
    const held = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(text.slice(0, 10));
        await new Promise<void>((resolve) => (release = resolve));
        controller.enqueue(text.slice(10));
        controller.close();
      },
    });
    const first = post(held, 'first.json');
    // The first holds the lock while its upload is still coming in.
    for (let i = 0; i < 100; i++) {
      const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from pg_locks
        where locktype = 'advisory' and granted
          and database = (select oid from pg_database where datname = current_database())`);
      if (row!.n > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await refused(post(chat(47, [message(1)]), 'second.json'), {
      status: 409,
      code: 'conflict',
      message: /an import is running/,
      name: 'second.json',
    });
    release();
    const done = await first;
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({ report: { file: 'first.json', added: { events: 2 } } });
  });

  it('POST /api/import – text Postgres cannot store: imported cleaned, reported by message', async () => {
    const res = await post(chat(48, [{ ...message(1), from: 'Ann\u0000' }]));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      report: {
        unstorable: {
          cleaned: 1,
          setAside: 0,
          records: [{ record: 'messages[0] (message 1)', kind: 'fan', fields: ['firstName'] }],
        },
      },
    });
    expect(await lastAudit()).toMatchObject({ action: 'import', after: { cleaned: 1 } });
  });

  it('POST /api/import – a file name with control characters: kept printable in the report and audit', async () => {
    const named = (header: string) =>
      callRoute(POST, '/api/import', {
        method: 'POST',
        raw: chat(49, [message(1)]),
        contentType: 'application/json',
        cookie: admin,
        headers: { 'x-file-name': header },
      });
    const res = await named('a%00b%07%C2%85%F0%9F%98%80.json');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ report: { file: 'ab😀.json' } });
    expect(await lastAudit()).toMatchObject({ entity_id: 'ab😀.json' });
    // Not UTF-8 (an encoded lone surrogate): the name the export has by default.
    const garbled = await named('%ED%A0%80.json');
    expect(garbled.json).toMatchObject({ report: { file: 'result.json' } });
  });

  it('POST /api/import – a purchase CSV: imported, reported with its bad rows, audited', async () => {
    const csv = [
      CSV_HEADER,
      'R-1,shop-1,,19.90,USD,2026-01-05T10:00:00Z,paid',
      'R-2,shop-2,7100,5.00,USD,2026-01-06T10:00:00Z,',
      'R-3,shop-1,,19.90,USD,2026-01-05T10:00:00,paid',
    ].join('\n');
    const dirs = importDirs();
    const res = await post(csv, 'orders.csv', {}, 'text/csv');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      kind: 'purchase_csv',
      report: {
        file: 'orders.csv',
        rows: 3,
        added: { purchases: 2, refunds: 0, customersCreated: 2, customersLinked: 1 },
        unlinked: { customers: 1, orders: 1, revenue: [{ currency: 'USD', amount: '19.90' }] },
        badRows: { count: 1, listed: [{ line: 4, column: 'occurred_at', code: 'format' }] },
      },
    });
    expect(await lastAudit()).toMatchObject({
      action: 'import',
      entity_id: 'orders.csv',
      after: { rows: 3, badRows: 1, added: { purchases: 2, customersLinked: 1 } },
    });
    expect(await lastAuditEntity()).toBe('purchase_csv');
    expect(importDirs()).toEqual(dirs);

    // Sent as JSON, it is still read for what it is; and a second time it adds nothing.
    const again = await post(csv, 'orders.csv');
    expect(again.json).toMatchObject({
      kind: 'purchase_csv',
      report: { added: { purchases: 0, alreadyStored: 2 } },
    });
  });

  it('POST /api/import – a purchase CSV with a wrong header: 400 naming the columns, nothing written', async () => {
    const csv = `${CSV_HEADER},coupon\nR-9,shop-9,,1.00,USD,2026-01-05T10:00:00Z,paid,X\n`;
    const error = await refused(post(csv, 'orders.csv', {}, 'text/csv'), {
      status: 400,
      code: 'invalid_csv',
      message: /line 1 \(the header\): unknown column "coupon"/,
      name: 'orders.csv',
    });
    expect(error).toMatchObject({ fields: [{ code: 'unknown_columns', values: ['coupon'] }] });
    expect(await lastAuditEntity()).toBe('purchase_csv');
    const [row] = await db.execute(
      sql`select count(*)::int as n from purchases where order_id = 'R-9'`,
    );
    expect(row).toEqual({ n: 0 });
  });

  it('POST /api/import – neither JSON nor CSV: 415 before reading', async () => {
    await refused(post('x', 'orders.xlsx', {}, 'application/vnd.ms-excel'), {
      status: 415,
      code: 'unsupported_media_type',
      message: /application\/json or text\/csv/,
      name: 'orders.xlsx',
    });
  });
});
