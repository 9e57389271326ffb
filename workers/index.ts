import { createDb } from '../db/client';
import { resolveDatabase } from '../db/database-url';
import { runMigrations } from '../db/migrate';
import { registerDemoSource } from './demo';
import { readEnv, telegramConfig } from '../lib/env';
import { registerGrowthJobs } from './growth';
import { registerLifecycleJobs } from './lifecycle';
import { startQueue } from './queue';
import { registerTelegramSync } from './telegram';

// `npm run worker`: every background job of the product, on the shared Postgres queue.
async function main() {
  const env = readEnv();
  const server = await resolveDatabase();
  await runMigrations(server.url);
  const { db, close } = createDb({ url: server.url, max: 4 });
  const boss = await startQueue(server.url);
  await registerLifecycleJobs(boss, db);
  await registerGrowthJobs(boss, db);
  if (env.DEMO_LIVE === 'on') await registerDemoSource(boss, db);
  await registerTelegramSync(boss, db, telegramConfig(env));
  console.log('[worker] running');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // Stop taking jobs and let the running ones finish, then release the database.
    await boss.stop({ graceful: true, timeout: 15_000, wait: true });
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
