import { z } from 'zod';
import { createDb } from '../db/client';
import { createDatabaseFromTemplate, startTestServer } from '../db/testing/test-server';
import { generateHistory } from '../lib/demo/generate-history';
import { ingestBatch } from '../lib/ingest';
import { benchLifecycle } from './bench/lifecycle';
import { cloneHistory } from './bench/history-template';
import { parseCliArgs, runCli } from './cli';

// npm run bench -- --fans <N> [--seed <S>] [--only ingest|lifecycle] [--fresh]: one JSON
// line per measurement, on fresh databases of its own (DATABASE_URL's server, else an
// embedded one), dropped at the end. The ingest figures use at most 20,000 fans. The
// lifecycle figures run on a clone of the loaded history, which stays on a DATABASE_URL
// server for the next run with the same fans, seed and schema (--fresh reloads it).
const argsSchema = z.object({
  fans: z.coerce.number().int().min(100).max(5_000_000).default(10_000),
  seed: z.coerce.number().int().min(0).default(1),
  only: z.enum(['ingest', 'lifecycle']).optional(),
  fresh: z.boolean().default(false),
});
const end = new Date('2026-06-01T00:00:00Z');
const INGEST_FANS_MAX = 20_000;

function report(bench: string, fields: Record<string, number | string>) {
  console.log(JSON.stringify({ bench, ...fields }));
}

async function benchIngest(url: string, fans: number, seed: number) {
  let started = performance.now();
  let facts = 0;
  for (const batch of generateHistory({ fans, seed, end }).batches) facts += batch.length;
  let seconds = (performance.now() - started) / 1000;
  report('generate', {
    fans,
    facts,
    seconds: +seconds.toFixed(2),
    facts_per_s: Math.round(facts / seconds),
  });

  const { db, close } = createDb({ url, max: 2 });
  let events = 0;
  let ingestSeconds = 0;
  started = performance.now();
  for (const batch of generateHistory({ fans, seed, end }).batches) {
    const t = performance.now();
    events += (await ingestBatch(db, batch)).events;
    ingestSeconds += (performance.now() - t) / 1000;
  }
  seconds = (performance.now() - started) / 1000;
  report('ingest', {
    fans,
    facts,
    events,
    seconds: +seconds.toFixed(2),
    ingest_seconds: +ingestSeconds.toFixed(2),
    events_per_s: Math.round(events / ingestSeconds),
  });
  await close();
}

async function main() {
  const { fans, seed, only, fresh } = parseCliArgs(
    {
      fans: { type: 'string' },
      seed: { type: 'string' },
      only: { type: 'string' },
      fresh: { type: 'boolean' },
    },
    argsSchema,
  );
  const server = await startTestServer();
  try {
    if (only !== 'lifecycle')
      await benchIngest(
        (await createDatabaseFromTemplate(server)).url,
        Math.min(fans, INGEST_FANS_MAX),
        seed,
      );
    if (only !== 'ingest') {
      const url = await cloneHistory(server, { fans, seed, end, fresh }, report);
      const handle = createDb({ url, max: 2 });
      try {
        await benchLifecycle(handle, { fans, end }, report);
      } finally {
        await handle.close();
      }
    }
  } finally {
    await server.dispose();
  }
}

runCli(main);
