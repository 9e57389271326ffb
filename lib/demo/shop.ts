import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { csvText } from '../csv/csv-writer';
import { purchaseFact, type Fact, type FactOf } from '../ingest/facts';
import { setBaseCurrency, saveRates } from '../revenue/currencies';
import { importOrdersCsv } from '../revenue/import-orders';
import { orderFact, order, type OrderStatus } from '../revenue/order';
import { orderCsvColumns } from '../revenue/orders-csv-header';
import { purchaseEvent } from '../webhooks/event';
import { receivePurchaseEvent, verifyDelivery } from '../webhooks/receive';
import { signatureFor } from '../webhooks/signature';
import { addWebhookSource, signingSecrets } from '../webhooks/sources';
import { hash01 } from './random';
import { DAY_MS, telegramUserIdOf, type World } from './world';

// The demo brand's shop, as a real shop would reach the product: its past orders as a
// purchase CSV, its new ones as signed webhook deliveries (DESIGN §5b). Most customers sell
// in CNY, a quarter in USD (rates kept up to two days ago, so the warning for purchases
// without a rate shows); one customer in five never gave the shop a Telegram id, so its
// revenue is not linked to a fan; about one order in 25 is refunded two days later.

export const DEMO_SHOP = 'Demo shop';
const USD_PER_CNY = 1 / 7.1;

const isUsd = (fan: number) => fan % 4 === 1;
const isUnlinked = (fan: number) => fan % 5 === 2;

function demoOrder(o: World['orders'][number], status: OrderStatus): FactOf<'purchase'> {
  const amount = isUsd(o.fan) ? Math.max(1, o.amount * USD_PER_CNY) : o.amount;
  const input = orderFact(
    order.parse({
      id: `AC${100000 + o.seq}`,
      customer_id: `C${300000 + o.fan}`,
      telegram_user_id: isUnlinked(o.fan) ? null : telegramUserIdOf(o.fan),
      amount: amount.toFixed(2),
      currency: isUsd(o.fan) ? 'USD' : 'CNY',
      occurred_at: new Date(o.at).toISOString(),
    }),
    status,
  );
  return purchaseFact.parse(input) as FactOf<'purchase'>;
}

/** The shop's orders and refunds in [from, to), as purchase facts. */
export function shopFacts(world: World, from: number, to: number): FactOf<'purchase'>[] {
  const facts: FactOf<'purchase'>[] = [];
  for (const o of world.orders) {
    if (o.at >= from && o.at < to) facts.push(demoOrder(o, 'paid'));
    const refundAt = o.at + 2 * DAY_MS;
    if (refundAt >= from && refundAt < to && hash01(world.seed, 9, o.seq) < 0.04)
      facts.push({ ...demoOrder(o, 'refunded'), at: new Date(refundAt) });
  }
  return facts;
}

const rowOf = (f: FactOf<'purchase'>) => [
  f.orderId,
  f.customer,
  f.fan ?? '',
  f.amount.toFixed(2),
  f.currency,
  new Date(f.at).toISOString(),
  f.status,
];

/** Imports purchases as the shop's CSV export, through the Import path. */
export async function importShopCsv(db: Database, facts: FactOf<'purchase'>[]): Promise<void> {
  if (facts.length === 0) return;
  const dir = await mkdtemp(path.join(tmpdir(), 'demo-shop-'));
  try {
    const file = path.join(dir, 'orders.csv');
    await writeFile(file, csvText(orderCsvColumns, facts.map(rowOf)));
    const report = await importOrdersCsv(db, file, { name: 'demo-shop-orders.csv' });
    if (report.badRows.count > 0)
      throw new Error(`The demo shop's CSV has bad rows: ${JSON.stringify(report.badRows.listed)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The demo shop's webhook source and its secret (added on first use). */
export async function demoShopSecret(
  db: Database,
  appSecret: string,
): Promise<{ sourceId: number; secret: string }> {
  const [row] = await db.execute<{ id: string }>(
    sql`select id::text from webhook_sources where name = ${DEMO_SHOP} and revoked_at is null`,
  );
  if (row) {
    const current = (await signingSecrets(db, appSecret)).filter(
      (s) => s.sourceId === Number(row.id),
    );
    if (current.length > 0) return current.at(-1)!;
  }
  const added = await addWebhookSource(
    db,
    { name: `${DEMO_SHOP}${row ? ' (new)' : ''}` },
    appSecret,
  );
  return { sourceId: added.source.id, secret: added.secret };
}

/**
 * Sends purchases as the shop's webhook would: one signed delivery per order event, checked
 * and stored by the same functions as POST /api/webhooks/purchases.
 */
export async function deliverShopWebhooks(
  db: Database,
  facts: FactOf<'purchase'>[],
  appSecret: string,
): Promise<number> {
  if (facts.length === 0) return 0;
  const { secret } = await demoShopSecret(db, appSecret);
  let stored = 0;
  for (const f of facts) {
    const body = JSON.stringify({
      id: `evt_${f.orderId}_${f.status}`,
      type: f.status === 'refunded' ? 'order.refunded' : 'order.paid',
      order: {
        id: f.orderId,
        customer_id: f.customer,
        ...(f.fan ? { telegram_user_id: f.fan } : {}),
        amount: f.amount.toFixed(2),
        currency: f.currency,
        occurred_at: new Date(f.at).toISOString(),
      },
    });
    const raw = new TextEncoder().encode(body);
    const header = signatureFor(secret, raw);
    const source = await verifyDelivery(db, header, raw, appSecret);
    const received = await receivePurchaseEvent(db, source, purchaseEvent.parse(JSON.parse(body)));
    if (!received.duplicate) stored++;
  }
  return stored;
}

/** CNY is the base; USD rates for every day of the history but its last two. */
export async function setUpDemoCurrencies(db: Database, start: number, end: number) {
  await setBaseCurrency(db, { currency: 'CNY', actorUserId: null });
  const rates = [];
  for (let t = start - DAY_MS; t < end - 2 * DAY_MS; t += DAY_MS) {
    const days = Math.floor(t / DAY_MS);
    rates.push({
      currency: 'USD',
      day: new Date(days * DAY_MS).toISOString().slice(0, 10),
      rate: Math.round((7.1 + 0.06 * Math.sin(days / 9)) * 10_000) / 10_000,
    });
  }
  await saveRates(db, { rates, actorUserId: null, source: 'demo' });
}

export const isPurchase = (f: Fact): f is FactOf<'purchase'> => f.kind === 'purchase';
