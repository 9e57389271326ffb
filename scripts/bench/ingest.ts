import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createDb } from '../../db/client';
import { generateHistory } from '../../lib/demo/generate-history';
import { ingestBatches } from '../../lib/ingest';
import { seconds, type Report } from './report';

const end = new Date('2026-06-01T00:00:00Z');

/**
 * The ingest path as the demo seed drives it: the generator's own batches (each day's facts
 * in batches of at most 5,000, generateHistory's default), through ingestBatches, which
 * prepares each next batch while the server writes the one before. The batches are
 * generated beforehand so only ingest is timed. The Desktop-export import sends 2,000
 * facts a batch and the Telegram worker one page: 100 messages or admin-log events, 200
 * members.
 */
export async function benchIngest(url: string, fans: number, seed: number, report: Report) {
  let started = performance.now();
  const batches = [...generateHistory({ fans, seed, end }).batches];
  const facts = batches.reduce((sum, batch) => sum + batch.length, 0);
  const largest = Math.max(...batches.map((batch) => batch.length));
  const elapsed = (performance.now() - started) / 1000;
  report('generate', {
    fans,
    facts,
    seconds: +elapsed.toFixed(2),
    facts_per_s: Math.round(facts / elapsed),
  });

  const { db, close } = createDb({ url, max: 2 });
  let events = 0;
  started = performance.now();
  for await (const result of ingestBatches(db, batches)) events += result.events;
  const ingestSeconds = (performance.now() - started) / 1000;
  const eventsPerSecond = Math.round(events / ingestSeconds);
  report('ingest', {
    fans,
    facts,
    batches: batches.length,
    batch_facts_mean: Math.round(facts / batches.length),
    batch_facts_max: largest,
    events,
    seconds: +ingestSeconds.toFixed(2),
    events_per_s: eventsPerSecond,
  });
  await close();
  const copied = await copyBaseline(url, events);
  report('ingest_vs_copy', {
    events,
    copy_seconds: copied,
    copy_events_per_s: Math.round(events / copied),
    ingest_share_of_copy: +(eventsPerSecond / (events / copied)).toFixed(2),
  });
}

/**
 * The same event rows by COPY into an empty table shaped like events (its indexes and
 * key included): what the disk and Postgres allow at best, in seconds. The rows are
 * exported on a connection of their own: postgres.js can leave a connection's socket
 * paused after a COPY TO, and a COPY FROM on it then waits forever.
 */
async function copyBaseline(url: string, events: number): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-copy-'));
  const file = path.join(dir, 'events.copy');
  const columns = 'source_key, fan_id, community_id, type, occurred_at, value, payload';
  try {
    const exporter = createDb({ url, max: 1 });
    try {
      await exporter.sql.unsafe('create table copy_events (like events including all)');
      await pipeline(
        await exporter.sql.unsafe(`copy (select ${columns} from events) to stdout`).readable(),
        createWriteStream(file),
      );
    } finally {
      await exporter.close();
    }
    const { sql, close } = createDb({ url, max: 1 });
    try {
      const [taken] = await seconds(async () => {
        const into = await sql.unsafe(`copy copy_events (${columns}) from stdin`).writable();
        const stored = once(into, 'finish');
        await pipeline(createReadStream(file), into);
        await stored;
      });
      const [row] = await sql<{ n: number }[]>`select count(*)::int as n from copy_events`;
      if (row!.n !== events) throw new Error(`COPY stored ${row!.n} rows of ${events}`);
      return taken;
    } finally {
      await close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
