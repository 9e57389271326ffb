import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client';
import { syncState } from '../../db/schema';
import { ingestBatches } from '../ingest';
import { refreshGrowthRollups } from '../growth/rollups';
import { refreshLifecycle } from '../lifecycle/refresh';
import { computeCustomerValues, storeCustomerValues } from '../revenue/customer-values';
import { demoGroup } from './communities';
import { generateHistory } from './generate-history';
import type { FactOf } from '../ingest/facts';
import { deliverShopWebhooks, importShopCsv, isPurchase, setUpDemoCurrencies } from './shop';
import type { SimState } from './simulate';
import { DAY_MS } from './world';

export const DEMO_STREAM = 'demo';

/** Where the live demo source carries on: the world's inputs and the simulation state. */
export interface DemoCursor {
  fans: number;
  seed: number;
  end: string;
  days: number;
  lastTickAt: string;
  state: SimState;
}

export interface SeedDemoOptions {
  fans: number;
  seed: number;
  end: Date;
  days?: number;
  /**
   * With it, the shop's orders of the last week arrive as signed webhook deliveries (the
   * secret of the demo shop's source is encrypted under it); the rest come as its CSV.
   */
  appSecret?: string | null;
  onProgress?: (progress: { facts: number; events: number }) => void;
}

/** The shop's orders of this last stretch of the history arrive by webhook. */
const WEBHOOK_DAYS = 7;

export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const [row] = await db.execute<{ empty: boolean }>(
    sql`select not exists (select 1 from communities) as empty`,
  );
  return row?.empty ?? true;
}

/** Writes the demo's history through the ingest path and leaves a cursor for the live source. */
export async function seedDemo(db: Database, options: SeedDemoOptions): Promise<DemoCursor> {
  const days = options.days ?? 120;
  const history = generateHistory({ ...options, days });
  const end = options.end.getTime();
  const start = end - days * DAY_MS;
  await setUpDemoCurrencies(db, start, end);
  let facts = 0;
  let events = 0;
  const shopCsv: FactOf<'purchase'>[] = [];
  const shopWebhook: FactOf<'purchase'>[] = [];
  for (const day of history.days) {
    const batches = day.batches.map((batch) => {
      for (const f of batch.filter(isPurchase))
        (options.appSecret && f.at.getTime() >= end - WEBHOOK_DAYS * DAY_MS
          ? shopWebhook
          : shopCsv
        ).push(f);
      return batch.filter((f) => !isPurchase(f));
    });
    for await (const result of ingestBatches(db, batches)) {
      facts += result.facts;
      events += result.events;
      options.onProgress?.({ facts, events });
    }
  }
  await importShopCsv(db, shopCsv);
  if (options.appSecret) await deliverShopWebhooks(db, shopWebhook, options.appSecret);
  // The stage history is a function of the facts: one replay at the end records every
  // change at its own instant, and the charts derive from it.
  await refreshLifecycle(db, { asOf: options.end });
  await refreshGrowthRollups(db);
  // The value models' first fit, as the worker would make it that night.
  await storeCustomerValues(db, await computeCustomerValues(db, options.end), null);
  const cursor: DemoCursor = {
    fans: options.fans,
    seed: options.seed,
    end: options.end.toISOString(),
    days,
    lastTickAt: options.end.toISOString(),
    state: history.state,
  };
  await saveDemoCursor(db, cursor);
  return cursor;
}

export async function saveDemoCursor(db: Executor, cursor: DemoCursor): Promise<void> {
  const [group] = await db.execute<{ id: number }>(
    sql`select id from communities where telegram_id = ${demoGroup.telegramId}`,
  );
  if (!group) throw new Error('The demo community is missing; seed the demo first.');
  const now = new Date();
  await db
    .insert(syncState)
    .values({
      communityId: Number(group.id),
      stream: DEMO_STREAM,
      cursor: { ...cursor },
      lastRunAt: now,
      lastSuccessAt: now,
    })
    .onConflictDoUpdate({
      target: [syncState.communityId, syncState.stream],
      set: { cursor: { ...cursor }, lastRunAt: now, lastSuccessAt: now, lastError: null },
    });
}
