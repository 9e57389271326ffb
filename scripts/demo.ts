import path from 'node:path';
import { createDb } from '../db/client';
import { resolveDatabase } from '../db/database-url';
import { runMigrations } from '../db/migrate';
import { readEnv } from '../lib/env';
import { isDatabaseEmpty, seedDemo } from '../lib/demo/seed-demo';
import { ensureNextBuild } from './next-build';
import { startChild, stopChild, waitForHttp } from './processes';

// npm run demo: Postgres (embedded unless DATABASE_URL), migrations, demo data when the
// database is empty, then the web app and the worker, until Ctrl-C.
const log = (line: string) => console.log(`[demo] ${line}`);

async function seedIfEmpty(url: string, fans: number) {
  const { db, close } = createDb({ url, max: 2 });
  try {
    if (!(await isDatabaseEmpty(db))) return log('Database has data; keeping it.');
    log(`Seeding the demo community: ${fans} fans, 120 days of history…`);
    const started = Date.now();
    let shown = 0;
    await seedDemo(db, {
      fans,
      seed: 7,
      end: new Date(Math.floor(Date.now() / 1000) * 1000),
      onProgress: ({ events }) => {
        if (events - shown >= 50_000) log(`  ${(shown = events)} events…`);
      },
    });
    log(`Seeded in ${Math.round((Date.now() - started) / 1000)} s.`);
  } finally {
    await close();
  }
}

async function main() {
  const env = readEnv();
  const started = Date.now();
  const server = await resolveDatabase();
  log(
    server.embedded
      ? `Embedded Postgres running (data in ${env.DATA_DIR}/pg).`
      : 'Using DATABASE_URL.',
  );
  const children: ReturnType<typeof startChild>[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('Stopping…');
    await Promise.all(children.map((c) => stopChild(c)));
    await server.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    await runMigrations(server.url);
    // Seeding waits on Postgres while the build works the CPU: run them side by side.
    await Promise.all([seedIfEmpty(server.url, env.DEMO_FANS), ensureNextBuild(log)]);
    const childEnv = { DATABASE_URL: server.url, NEXT_TELEMETRY_DISABLED: '1' };
    const url = `http://localhost:${env.PORT}`;
    const next = path.join('node_modules', 'next', 'dist', 'bin', 'next');
    children.push(
      startChild('web', process.execPath, [next, 'start', '-p', String(env.PORT)], childEnv),
    );
    children.push(
      startChild('worker', process.execPath, ['--import', 'tsx', 'workers/index.ts'], childEnv),
    );
    for (const child of children)
      child.once('exit', (code) => !stopping && void shutdown(code ?? 1));
    await waitForHttp(url);
    log(
      `Ready in ${Math.round((Date.now() - started) / 1000)} s: ${url}  (Ctrl-C stops everything)`,
    );
  } catch (error) {
    console.error(`[demo] ${error instanceof Error ? error.message : error}`);
    await shutdown(1);
  }
}

void main();
