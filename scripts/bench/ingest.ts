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
 *
 * Each round ingests into a fresh database and then COPYs the same rows: this machine's
 * speed drifts by a fifth over minutes, so a ratio is only fair within a round, and the
 * summary gives the median round.
 */
export async function benchIngest(
  freshDatabase: () => Promise<string>,
  { fans, seed, rounds }: { fans: number; seed: number; rounds: number },
  report: Report,
) {
  const started = performance.now();
  const batches = [...generateHistory({ fans, seed, end }).batches];
  const facts = batches.reduce((sum, batch) => sum + batch.length, 0);
  const elapsed = (performance.now() - started) / 1000;
  report('generate', {
    fans,
    facts,
    batches: batches.length,
    batch_facts_max: Math.max(...batches.map((batch) => batch.length)),
    seconds: +elapsed.toFixed(2),
    facts_per_s: Math.round(facts / elapsed),
  });
  const perRound: { eventsPerSecond: number; share: number }[] = [];
  for (let round = 1; round <= rounds; round++) {
    const url = await freshDatabase();
    const { db, close } = createDb({ url, max: 2 });
    let events = 0;
    const t = performance.now();
    try {
      for await (const result of ingestBatches(db, batches)) events += result.events;
    } finally {
      await close();
    }
    const seconds = (performance.now() - t) / 1000;
    const eventsPerSecond = Math.round(events / seconds);
    const copySeconds = await copyBaseline(url, events);
    const copyPerSecond = Math.round(events / copySeconds);
    const share = +(eventsPerSecond / copyPerSecond).toFixed(2);
    perRound.push({ eventsPerSecond, share });
    report('ingest', {
      round,
      fans,
      facts,
      events,
      seconds: +seconds.toFixed(2),
      events_per_s: eventsPerSecond,
      copy_seconds: copySeconds,
      copy_events_per_s: copyPerSecond,
      ingest_share_of_copy: share,
    });
  }
  const median = <T>(values: T[], by: (v: T) => number) =>
    [...values].sort((a, b) => by(a) - by(b))[Math.floor(values.length / 2)]!;
  report('ingest_summary', {
    rounds,
    median_events_per_s: median(perRound, (r) => r.eventsPerSecond).eventsPerSecond,
    median_share_of_copy: median(perRound, (r) => r.share).share,
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
