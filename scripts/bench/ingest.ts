import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createDb } from '../../db/client';
import { generateHistory } from '../../lib/demo/generate-history';
import { ingestBatch } from '../../lib/ingest';
import { seconds, type Report } from './report';

const end = new Date('2026-06-01T00:00:00Z');

export async function benchIngest(url: string, fans: number, seed: number, report: Report) {
  let started = performance.now();
  let facts = 0;
  for (const batch of generateHistory({ fans, seed, end }).batches) facts += batch.length;
  let elapsed = (performance.now() - started) / 1000;
  report('generate', {
    fans,
    facts,
    seconds: +elapsed.toFixed(2),
    facts_per_s: Math.round(facts / elapsed),
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
  elapsed = (performance.now() - started) / 1000;
  const eventsPerSecond = Math.round(events / ingestSeconds);
  report('ingest', {
    fans,
    facts,
    events,
    seconds: +elapsed.toFixed(2),
    ingest_seconds: +ingestSeconds.toFixed(2),
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
 * key included): what the disk and Postgres allow at best, in seconds.
 */
async function copyBaseline(url: string, events: number): Promise<number> {
  const { sql, close } = createDb({ url, max: 1 });
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-copy-'));
  const file = path.join(dir, 'events.copy');
  const columns = 'source_key, fan_id, community_id, type, occurred_at, value, payload';
  try {
    await sql.unsafe('create table copy_events (like events including all)');
    const out = createWriteStream(file);
    await pipeline(
      await sql.unsafe(`copy (select ${columns} from events) to stdout`).readable(),
      out,
    );
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
    rmSync(dir, { recursive: true, force: true });
    await close();
  }
}
