import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Database, Sql } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { snapshotTables } from '../api/testing/db-snapshot';
import { ingestBatch } from '../ingest';
import { importOrdersCsv, type OrdersCsvReport } from './import-orders';
import { order, orderFact } from './order';
import { OrdersCsvError } from './orders-csv-error';
import { cdnowSamplePath, writeCdnowOrdersCsv } from './testing/cdnow-csv';

const scratch = mkdtempSync(path.join(tmpdir(), 'import-orders-'));
let files = 0;
function csvFile(text: string): string {
  const file = path.join(scratch, `${++files}.csv`);
  writeFileSync(file, text);
  return file;
}

const HEADER = 'order_id,customer_id,telegram_user_id,amount,currency,occurred_at,status';

// Line by line; the comment says what each row is.
const ORDERS = [
  HEADER,
  'A-1,cust-1,,20.00,USD,2026-01-05T10:00:00Z,paid', // 2: a customer not linked
  'A-2,cust-2,7001,15.50,USD,2026-01-06T10:00:00+08:00,', // 3: status empty (paid), linked
  'A-1,cust-1,,20.00,USD,2026-01-07T10:00:00Z,refunded', // 4: A-1 refunded
  'A-3,cust-3,,9.99,EUR,2026-01-08T10:00:00Z,paid', // 5: linked by line 18
  'B-1,cust-4,,12.3x,USD,2026-01-08T10:00:00Z,paid', // 6: bad amount
  'B-2,cust-4,,12.00,usd,2026-01-08T10:00:00Z,paid', // 7: bad currency
  'B-3,cust-4,,12.00,USD,2026-01-08 10:00,paid', // 8: bad time
  'B-4,,,12.00,USD,2026-01-08T10:00:00Z,paid', // 9: no customer
  'B-5,cust-4,,12.00,USD,2026-01-08T10:00:00Z,cancelled', // 10: bad status
  'B-6,cust-4,,12.00,USD', // 11: too few values
  '"A-4","cust-5","","1.00","USD","2026-01-09T10:00:00Z","paid"', // 12: all quoted
  '', // 13: blank
  '"B-7', // 14: an order id over two lines, with a bad amount
  'second line",cust-6,,abc,USD,2026-01-09T10:00:00Z,paid',
  'A-5,cust-8,,5.00,USD,2026-01-10T10:00:00Z,paid', // 16: a customer linked before
  'A-6,cust-9,7009,6.00,USD,2026-01-11T10:00:00Z,paid', // 17: links a customer known before
  'A-7,cust-3,7003,4.00,EUR,2026-01-12T10:00:00Z,paid', // 18: links cust-3 (line 5)
  'B-8,cust-4,12345678901234567,1.00,USD,2026-01-12T10:00:00Z,paid', // 19: bad Telegram id
  'B-9,cust-4,,1.00,USD,2026-01-12T10:00:00Z,paid,extra', // 20: too many values
].join('\n');

const BAD_ROWS = [
  { line: 6, column: 'amount', code: 'format' },
  { line: 7, column: 'currency', code: 'format' },
  { line: 8, column: 'occurred_at', code: 'format' },
  { line: 9, column: 'customer_id', code: 'empty' },
  { line: 10, column: 'status', code: 'format' },
  { line: 11, column: null, code: 'column_count', reason: 'has 5 values, the header 7' },
  { line: 14, column: 'amount', code: 'format' },
  { line: 19, column: 'telegram_user_id', code: 'format' },
  { line: 20, column: null, code: 'column_count', reason: 'has 8 values, the header 7' },
];

const shopOrder = (id: string, customer: string, fan?: number) =>
  orderFact(
    order.parse({
      id,
      customer_id: customer,
      telegram_user_id: fan,
      amount: '1.00',
      currency: 'USD',
      occurred_at: '2025-12-01T10:00:00Z',
    }),
    'paid',
  );

async function purchases(db: Database) {
  return db.execute<{ order_id: string; customer: string; fan: string | null; amount: string }>(
    sql`select p.order_id, c.customer_key as customer, f.telegram_user_id::text as fan,
      p.amount::text from purchases p join customers c on c.id = p.customer_id
      left join fans f on f.id = p.fan_id order by p.order_id, p.status`,
  );
}

async function tableCounts(db: Database) {
  const [row] = await db.execute(sql`select
    (select count(*) from purchases)::int as purchases,
    (select count(*) from customers)::int as customers,
    (select count(*) from fans)::int as fans,
    (select count(*) from lifecycle_dirty_fans)::int as queued`);
  return row;
}

describe.each([
  ['in one transaction', 2000],
  ['in batches of three rows', 3],
])('importing a purchase CSV %s', (_, batchRows) => {
  let db: Database;
  let rawSql: Sql;

  it('imports the good rows, reports each bad one by line and column, and adds nothing the second time', async () => {
    ({ db, sql: rawSql } = await useTestDb());
    // Known before the file: cust-8 linked to fan 7008, cust-9 not linked.
    await ingestBatch(db, [shopOrder('W-1', 'cust-9'), shopOrder('W-2', 'cust-8', 7008)]);
    const file = csvFile(ORDERS);

    const report = await importOrdersCsv(db, file, { name: 'orders.csv', batchRows });
    expect(report).toEqual({
      file: 'orders.csv',
      rows: 17,
      added: {
        purchases: 7,
        refunds: 1,
        alreadyStored: 0,
        customersCreated: 4, // cust-1, cust-2, cust-3, cust-5
        customersLinked: 3, // cust-2, cust-9, cust-3
      },
      erased: 0,
      // cust-1 (20.00 paid, 20.00 refunded) and cust-5 (1.00).
      unlinked: {
        customers: 2,
        orders: 2,
        refunds: 1,
        revenue: [{ currency: 'USD', amount: '1.00' }],
      },
      badRows: {
        count: BAD_ROWS.length,
        listed: BAD_ROWS.map((bad) => expect.objectContaining(bad)),
      },
    } satisfies OrdersCsvReport);
    expect(report.badRows.listed.map((b) => b.reason)).toEqual([
      'must be a decimal string such as "19.90" (at most 2 decimals)',
      'must be an ISO 4217 code such as USD',
      'must be an ISO 8601 time with its offset',
      'must not be empty',
      'must be paid or refunded (empty: paid), not "cancelled"',
      'has 5 values, the header 7',
      'must be a decimal string such as "19.90" (at most 2 decimals)',
      'must be a Telegram user id (digits)',
      'has 8 values, the header 7',
    ]);

    expect(await purchases(db)).toEqual([
      { order_id: 'A-1', customer: 'cust-1', fan: null, amount: '20.00' },
      { order_id: 'A-1', customer: 'cust-1', fan: null, amount: '-20.00' },
      { order_id: 'A-2', customer: 'cust-2', fan: '7001', amount: '15.50' },
      // Moved to the fan when line 18 linked its customer.
      { order_id: 'A-3', customer: 'cust-3', fan: '7003', amount: '9.99' },
      { order_id: 'A-4', customer: 'cust-5', fan: null, amount: '1.00' },
      { order_id: 'A-5', customer: 'cust-8', fan: '7008', amount: '5.00' },
      { order_id: 'A-6', customer: 'cust-9', fan: '7009', amount: '6.00' },
      { order_id: 'A-7', customer: 'cust-3', fan: '7003', amount: '4.00' },
      { order_id: 'W-1', customer: 'cust-9', fan: '7009', amount: '1.00' },
      { order_id: 'W-2', customer: 'cust-8', fan: '7008', amount: '1.00' },
    ]);
    // Nothing of the bad rows: no cust-4 nor cust-6.
    expect(await db.execute(sql`select customer_key, linked_by from customers order by 1`)).toEqual(
      [
        { customer_key: 'cust-1', linked_by: null },
        { customer_key: 'cust-2', linked_by: 'order' },
        { customer_key: 'cust-3', linked_by: 'order' },
        { customer_key: 'cust-5', linked_by: null },
        { customer_key: 'cust-8', linked_by: 'order' },
        { customer_key: 'cust-9', linked_by: 'order' },
      ],
    );

    const before = await snapshotTables(rawSql);
    const again = await importOrdersCsv(db, file, { name: 'orders.csv', batchRows });
    expect(again.added).toEqual({
      purchases: 0,
      refunds: 0,
      alreadyStored: 8,
      customersCreated: 0,
      customersLinked: 0,
    });
    expect(again.unlinked).toEqual(report.unlinked);
    expect(again.badRows).toEqual(report.badRows);
    // Nothing at all changed: not even a customer's row or the replay queue.
    expect(await snapshotTables(rawSql)).toEqual(before);
  });
});

describe('a purchase CSV refused whole', () => {
  it.each([
    [
      'a wrong header',
      `order_id,customer,telegram_user_id,amount,currency,occurred_at,status,note\nA-1,c,,1.00,USD,2026-01-05T10:00:00Z,paid\n`,
      'x.csv: not imported: line 1 (the header): missing column "customer_id"; unknown columns "customer", "note".',
    ],
    [
      'a quote never closed, after good rows',
      `${HEADER}\nA-1,c,,1.00,USD,2026-01-05T10:00:00Z,paid\n"A-2,c,,1.00,USD,2026-01-05T10:00:00Z,paid\nA-3,c,,1.00,USD,2026-01-05T10:00:00Z,paid\n`,
      'x.csv: not imported: line 3: a quoted value opened in this row is never closed',
    ],
    ['an empty file', '', 'x.csv: not imported: the file is empty (no header)'],
  ])('%s: nothing written', async (_, text, message) => {
    const { db, sql: rawSql } = await useTestDb();
    const before = await snapshotTables(rawSql);
    const refused = importOrdersCsv(db, csvFile(text), { name: 'x.csv' });
    await expect(refused).rejects.toBeInstanceOf(OrdersCsvError);
    await expect(refused).rejects.toThrow(message);
    expect(await snapshotTables(rawSql)).toEqual(before);
    expect(await tableCounts(db)).toEqual({ purchases: 0, customers: 0, fans: 0, queued: 0 });
  });

  it('lists the first 100 bad rows and counts the rest; the good ones are imported', async () => {
    const { db } = await useTestDb();
    const bad = Array.from({ length: 150 }, (_, i) => `X-${i},c,,-1,USD,2026-01-05T10:00:00Z,`);
    const text = [HEADER, 'G-1,c,,1.00,USD,2026-01-05T10:00:00Z,', ...bad].join('\r\n');
    const report = await importOrdersCsv(db, csvFile(text));
    expect(report.rows).toBe(151);
    expect(report.added.purchases).toBe(1);
    expect(report.badRows.count).toBe(150);
    expect(report.badRows.listed).toHaveLength(100);
    expect(report.badRows.listed.at(-1)).toMatchObject({ line: 102, column: 'amount' });
  });
});

describe('the CDNOW sample as a purchase CSV', () => {
  it('imports every line as an order of a customer not linked to any fan', async () => {
    const { db } = await useTestDb();
    const file = path.join(scratch, 'cdnow.csv');
    const written = await writeCdnowOrdersCsv(file);
    const lines = readFileSync(cdnowSamplePath, 'utf8').trim().split('\n');
    const dollars = lines.reduce(
      (cents, line) => cents + Math.round(Number(line.trim().split(/\s+/)[4]) * 100),
      0,
    );
    expect(written).toEqual({ rows: lines.length, customers: 2357 });
    expect(readFileSync(file, 'utf8').split('\n').slice(0, 2)).toEqual([
      HEADER,
      '1,1,,29.33,USD,1997-01-01T12:00:00Z,paid',
    ]);

    const progress: number[] = [];
    const report = await importOrdersCsv(db, file, {
      name: 'cdnow.csv',
      onProgress: (rows) => progress.push(rows),
    });
    expect(report).toEqual({
      file: 'cdnow.csv',
      rows: lines.length,
      added: {
        purchases: lines.length,
        refunds: 0,
        alreadyStored: 0,
        customersCreated: 2357,
        customersLinked: 0,
      },
      erased: 0,
      unlinked: {
        customers: 2357,
        orders: lines.length,
        refunds: 0,
        revenue: [{ currency: 'USD', amount: (dollars / 100).toFixed(2) }],
      },
      badRows: { count: 0, listed: [] },
    });
    expect(progress).toEqual([]);
    expect(await tableCounts(db)).toEqual({
      purchases: lines.length,
      customers: 2357,
      fans: 0,
      queued: 0,
    });
    const [sum] = await db.execute<{ total: string }>(
      sql`select sum(amount)::text as total from purchases`,
    );
    expect(sum!.total).toBe((dollars / 100).toFixed(2));
  });
});
