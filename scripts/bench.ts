import { z } from 'zod';
import { createDb } from '../db/client';
import { createDatabaseFromTemplate, startTestServer } from '../db/testing/test-server';
import { benchCharts } from './bench/charts';
import { cloneHistory } from './bench/history-template';
import { benchImport } from './bench/import';
import { benchIngest } from './bench/ingest';
import { benchLifecycle } from './bench/lifecycle';
import { benchOrdersCsv } from './bench/orders-csv';
import { benchSegments } from './bench/segments';
import { benchValue } from './bench/value';
import { benchWebhook } from './bench/webhook';
import { report } from './bench/report';
import { parseCliArgs, runCli } from './cli';

// npm run bench -- --fans <N> [--seed <S>] [--messages <M>] [--orders <O>] [--events <E>]
// [--customers <C>] [--only ingest|import|orders-csv|lifecycle|charts|segments|webhook|value]
// [--fresh]: one JSON line per measurement, on fresh databases of its own (DATABASE_URL's
// server, else an embedded one), dropped at the end.
// - ingest: the ingest path at min(N, 20,000) fans, and COPY of the same rows; 3 rounds.
// - import: `npm run import` of a generated export of M messages (default 1,000,000).
// - orders-csv: `npm run import` of a generated purchase CSV of O orders (--orders, default
//   1,000,000): its time and peak memory.
// - lifecycle: on a clone of the loaded history of N fans, which stays on a DATABASE_URL
//   server for the next run with the same fans and seed (--fresh reloads it).
// - charts: on another clone, the stage history replayed week by week and the rollups
//   refreshed, then every chart API of the web app under 10 concurrent clients.
// - segments: on another clone after the lifecycle job's first pass, pages of 50 fans by
//   keyset for several filters (p50 / p95), their counts, and the whole CSV export.
// - webhook: E signed purchase events (--events, default 5,000) sent over HTTP to the
//   production web app's POST /api/webhooks/purchases by 10 concurrent senders.
// - value: the value models' fit and scores of C customers (--customers, default
//   1,000,000) with purchases generated in SQL: summary, fit and scoring, storing.
const argsSchema = z.object({
  fans: z.coerce.number().int().min(100).max(5_000_000).default(10_000),
  seed: z.coerce.number().int().min(0).default(1),
  messages: z.coerce.number().int().min(1000).max(20_000_000).default(1_000_000),
  orders: z.coerce.number().int().min(1000).max(20_000_000).default(1_000_000),
  events: z.coerce.number().int().min(100).max(1_000_000).default(5000),
  customers: z.coerce.number().int().min(1000).max(10_000_000).default(1_000_000),
  only: z
    .enum(['ingest', 'import', 'orders-csv', 'lifecycle', 'charts', 'segments', 'webhook', 'value'])
    .optional(),
  fresh: z.boolean().default(false),
});
const end = new Date('2026-06-01T00:00:00Z');
const INGEST_FANS_MAX = 20_000;

async function main() {
  const { fans, seed, messages, orders, events, customers, only, fresh } = parseCliArgs(
    {
      fans: { type: 'string' },
      seed: { type: 'string' },
      messages: { type: 'string' },
      orders: { type: 'string' },
      events: { type: 'string' },
      customers: { type: 'string' },
      only: { type: 'string' },
      fresh: { type: 'boolean' },
    },
    argsSchema,
  );
  const runs = (part: NonNullable<typeof only>) => !only || only === part;
  const server = await startTestServer();
  try {
    if (runs('ingest')) {
      const freshDatabase = async () => (await createDatabaseFromTemplate(server)).url;
      await benchIngest(
        freshDatabase,
        { fans: Math.min(fans, INGEST_FANS_MAX), seed, rounds: 3 },
        report,
      );
    }
    if (runs('import')) {
      const { url } = await createDatabaseFromTemplate(server);
      await benchImport(url, { messages, seed }, report);
    }
    if (runs('orders-csv')) {
      const { url } = await createDatabaseFromTemplate(server);
      await benchOrdersCsv(url, { orders, seed }, report);
    }
    if (runs('lifecycle')) {
      const url = await cloneHistory(server, { fans, seed, end, fresh }, report);
      const handle = createDb({ url, max: 2 });
      try {
        await benchLifecycle(handle, { fans, end }, report);
      } finally {
        await handle.close();
      }
    }
    if (runs('charts')) {
      const url = await cloneHistory(server, { fans, seed, end, fresh: false }, report);
      const handle = createDb({ url, max: 2 });
      try {
        await benchCharts(handle, { url, fans, end }, report);
      } finally {
        await handle.close();
      }
    }
    if (runs('segments')) {
      const url = await cloneHistory(server, { fans, seed, end, fresh: false }, report);
      const handle = createDb({ url, max: 2 });
      try {
        await benchSegments(handle, { fans, end }, report);
      } finally {
        await handle.close();
      }
    }
    if (runs('webhook')) {
      const { url } = await createDatabaseFromTemplate(server);
      await benchWebhook(url, { events }, report);
    }
    if (runs('value')) {
      const { url } = await createDatabaseFromTemplate(server);
      await benchValue(url, { customers }, report);
    }
  } finally {
    await server.dispose();
  }
}

runCli(main);
