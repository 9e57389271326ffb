import { createDb } from '../db/client';
import { resolveDatabase } from '../db/database-url';
import { runMigrations } from '../db/migrate';
import { readEnv, telegramConfig } from '../lib/env';
import { registerJobs } from './core/register-jobs';
import { demoTickJob } from './demo';
import { growthRollupsJob } from './growth';
import { lifecycleJobs } from './lifecycle';
import { revenueJobs } from './revenue';
import { startQueue } from './queue';
import { registerTelegramSync } from './telegram';

// `npm run worker`: every background job of the product, on the shared Postgres queue.
async function main() {
  const env = readEnv();
  const server = await resolveDatabase();
  await runMigrations(server.url);
  // Up to four Telegram syncs at once, besides the lifecycle job and the lease heartbeat.
  const { db, close } = createDb({ url: server.url, max: 8 });
  const boss = await startQueue(server.url);
  await registerJobs(boss, { db }, [
    ...lifecycleJobs,
    growthRollupsJob,
    ...revenueJobs,
    ...(env.DEMO_LIVE === 'on' ? [demoTickJob] : []),
  ]);
  const telegram = await registerTelegramSync(boss, db, telegramConfig(env));
  console.log('[worker] running');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // Stop taking jobs and let the running ones finish; then hang up Telegram and hand its
    // accounts to the other workers; then release the database.
    await boss.stop({ graceful: true, timeout: 15_000, wait: true });
    await telegram?.stop();
    await close();
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error('[worker] failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
