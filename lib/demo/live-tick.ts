import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { ingestBatch, type IngestResult } from '../ingest';
import { DEMO_STREAM, saveDemoCursor, type DemoCursor } from './seed-demo';
import { deliverShopWebhooks, isPurchase } from './shop';
import { simulateInterval } from './simulate';
import { createWorld } from './world';

const MAX_CATCH_UP_MS = 6 * 3_600_000;

/**
 * One step of the live demo source: simulates what happened since the last tick and
 * ingests it in the same transaction that moves the cursor, so a tick that dies halfway
 * leaves nothing behind and the next one covers the same time again. Its shop's orders are
 * delivered as signed webhook events inside that transaction (each its own savepoint).
 */
export async function runDemoTick(
  db: Database,
  now = new Date(),
  appSecret: string | null = null,
): Promise<IngestResult | null> {
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
    const facts = simulateInterval(world, state, from, to);
    // The shop's new orders come by its webhook when the demo has a secret to sign them.
    const result = await ingestBatch(tx, appSecret ? facts.filter((f) => !isPurchase(f)) : facts);
    if (appSecret)
      result.purchases += await deliverShopWebhooks(
        // A transaction takes the place of the database: its transactions nest as savepoints.
        tx as unknown as Database,
        facts.filter(isPurchase),
        appSecret,
      );
    await saveDemoCursor(tx, { ...cursor, lastTickAt: new Date(to).toISOString(), state });
    return result;
  });
}
