import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createDb } from '../../db/client';
import { signatureFor } from '../../lib/webhooks/signature';
import { addWebhookSource, rotateWebhookSecret } from '../../lib/webhooks/sources';
import { authChildEnv, randomAuthSecret } from '../auth-env';
import { ensureNextBuild } from '../next-build';
import { startChild, stopChild, waitForHttp } from '../processes';
import { seconds, type Report } from './report';

const SENDERS = 10;
const PORT = 3291;
/** Distinct Telegram ids the orders link to: fans get several orders, as in a shop. */
const FANS = 2000;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/**
 * POST /api/webhooks/purchases through the production web app (`next start`), real HTTP:
 * SENDERS concurrent senders, each signing and sending its events one after another, on
 * an empty database with three sources (one mid-rotation, so four secrets are tried per
 * delivery). Every event is new and accepted: a stored purchase, customer and fan each.
 */
export async function benchWebhook(
  url: string,
  { events }: { events: number },
  report: Report,
): Promise<void> {
  const appSecret = randomAuthSecret();
  const handle = createDb({ url, max: 2 });
  let secret: string;
  try {
    secret = (await addWebhookSource(handle.db, { name: 'Bench shop' }, appSecret)).secret;
    const other = await addWebhookSource(handle.db, { name: 'Bench CRM' }, appSecret);
    await rotateWebhookSecret(handle.db, other.source.id, { overlapHours: 24 }, appSecret);
    await addWebhookSource(handle.db, { name: 'Bench marketplace' }, appSecret);
  } finally {
    await handle.close();
  }
  await ensureNextBuild((line) => console.error(line));
  const next = path.join('node_modules', 'next', 'dist', 'bin', 'next');
  const web = startChild(
    'web',
    process.execPath,
    [next, 'start', '-p', String(PORT), '-H', '127.0.0.1'],
    {
      DATABASE_URL: url,
      APP_SECRET: appSecret,
      ...authChildEnv(randomAuthSecret(), PORT),
      NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
    },
  );
  const endpoint = `http://127.0.0.1:${PORT}/api/webhooks/purchases`;
  let sequence = 0;
  const send = async (timings: number[]) => {
    sequence += 1;
    const n = sequence;
    const body = JSON.stringify({
      id: `evt_${n}`,
      type: n % 10 === 0 ? 'order.refunded' : 'order.paid',
      order: {
        id: `order-${n % 10 === 0 ? n - 1 : n}`,
        customer_id: `customer-${n % FANS}`,
        telegram_user_id: 5_000_000 + (n % FANS),
        amount: `${(n % 200) + 1}.90`,
        currency: 'USD',
        occurred_at: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
      },
    });
    const started = performance.now();
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': signatureFor(secret, body) },
      body,
    });
    const text = await res.text();
    if (res.status !== 200 || !text.includes('"stored"'))
      throw new Error(`event ${n}: status ${res.status} ${text.slice(0, 200)}`);
    timings.push(performance.now() - started);
  };
  /** SENDERS senders, `count` events in all, each sender's one after another. */
  const load = async (count: number) => {
    const timings: number[] = [];
    await Promise.all(
      Array.from({ length: SENDERS }, async (_, sender) => {
        for (let i = sender; i < count; i += SENDERS) await send(timings);
      }),
    );
    return timings.sort((a, b) => a - b);
  };
  try {
    await waitForHttp(`http://127.0.0.1:${PORT}/signin`);
    await load(200); // warm-up: compiled route, pool, plans
    const [elapsed, timings] = await seconds(() => load(events));
    report('webhook', {
      mode: 'http, next start',
      senders: SENDERS,
      events: timings.length,
      secrets_tried: 4,
      seconds: elapsed,
      events_per_s: Math.round(timings.length / elapsed),
      p50_ms: Math.round(percentile(timings, 50)),
      p95_ms: Math.round(percentile(timings, 95)),
      max_ms: Math.round(timings.at(-1)!),
    });
  } finally {
    await stopChild(web);
  }
  const check = createDb({ url, max: 1 });
  try {
    const [stored] = await check.db.execute<{ events: number; purchases: number }>(sql`select
      (select count(*)::int from webhook_events) as events,
      (select count(*)::int from purchases) as purchases`);
    if (stored!.events !== events + 200 || stored!.purchases !== events + 200)
      throw new Error(
        `expected ${events + 200} events and purchases, found ${JSON.stringify(stored)}`,
      );
  } finally {
    await check.close();
  }
}
