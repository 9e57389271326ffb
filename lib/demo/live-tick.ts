import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { ingestBatch, type IngestResult } from '../ingest';
import { DEMO_STREAM, saveDemoCursor, type DemoCursor } from './seed-demo';
import { simulateInterval } from './simulate';
import { createWorld } from './world';

const MAX_CATCH_UP_MS = 6 * 3_600_000;

/**
 * One step of the live demo source: simulates what happened since the last tick and
 * ingests it in the same transaction that moves the cursor, so a tick that dies halfway
 * leaves nothing behind and the next one covers the same time again.
 */
export async function runDemoTick(db: Database, now = new Date()): Promise<IngestResult | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx.execute<{ cursor: DemoCursor }>(
      sql`select cursor from sync_state where stream = ${DEMO_STREAM} limit 1 for update`,
    );
    if (!row?.cursor) return null;
    const cursor = row.cursor;
    const world = createWorld({
      fans: cursor.fans,
      seed: cursor.seed,
      end: new Date(cursor.end),
      days: cursor.days,
    });
    // After a long stop, carry on from a few hours ago rather than in one huge batch.
    const from = Math.max(Date.parse(cursor.lastTickAt), now.getTime() - MAX_CATCH_UP_MS);
    const to = now.getTime();
    if (to <= from) return null;
    const state = structuredClone(cursor.state);
    const result = await ingestBatch(tx, simulateInterval(world, state, from, to));
    await saveDemoCursor(tx, { ...cursor, lastTickAt: new Date(to).toISOString(), state });
    return result;
  });
}
