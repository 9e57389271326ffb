import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createDb } from '../db/client';
import { createDatabaseFromTemplate, startTestServer } from '../db/testing/test-server';
import { generateHistory } from '../lib/demo/generate-history';
import { ingestBatch } from '../lib/ingest';

// npm run bench -- --fans <N> [--seed <S>]: one JSON line per measurement, on a fresh
// database of its own (DATABASE_URL's server, else an embedded one), dropped at the end.
const argsSchema = z.object({
  fans: z.coerce.number().int().min(100).max(5_000_000).default(10_000),
  seed: z.coerce.number().int().min(0).default(1),
});
const end = new Date('2026-06-01T00:00:00Z');

function report(bench: string, fields: Record<string, number | string>) {
  console.log(JSON.stringify({ bench, ...fields }));
}

async function main() {
  const { values } = parseArgs({ options: { fans: { type: 'string' }, seed: { type: 'string' } } });
  const { fans, seed } = argsSchema.parse(values);

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

  const server = await startTestServer();
  try {
    const { url } = await createDatabaseFromTemplate(server);
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
  } finally {
    await server.dispose();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
