import path from 'node:path';
import { createDb, type Database } from '../db/client';
import { resolveDatabase } from '../db/database-url';
import { runMigrations } from '../db/migrate';
import {
  createDemoUsers,
  createFirstAdmin,
  workingDemoUsers,
  type DemoUser,
} from '../lib/auth/bootstrap';
import { countUsers } from '../lib/auth/user-queries';
import { adminFromEnv, readEnv, type Env } from '../lib/env';
import { isDatabaseEmpty, seedDemo } from '../lib/demo/seed-demo';
import { authChildEnv, demoAppSecret, demoAuthSecret } from './auth-env';
import { ensureNextBuild } from './next-build';
import { startChild, stopChild, waitForHttp } from './processes';

// npm run demo: Postgres (embedded unless DATABASE_URL), migrations, demo data when the
// database is empty, then the web app and the worker, until Ctrl-C.
const log = (line: string) => console.log(`[demo] ${line}`);

async function seedIfEmpty(db: Database, fans: number, appSecret: string): Promise<boolean> {
  if (!(await isDatabaseEmpty(db))) {
    log('Database has data; keeping it.');
    return false;
  }
  log(`Seeding the demo community: ${fans} fans, 120 days of history…`);
  const started = Date.now();
  let shown = 0;
  await seedDemo(db, {
    fans,
    seed: 7,
    end: new Date(Math.floor(Date.now() / 1000) * 1000),
    appSecret,
    onProgress: ({ events }) => {
      if (events - shown >= 50_000) log(`  ${(shown = events)} events…`);
    },
  });
  log(`Seeded in ${Math.round((Date.now() - started) / 1000)} s.`);
  return true;
}

/** Seeds an empty database and sets up sign-in; returns the demo users one can sign in as. */
async function prepareDatabase(url: string, env: Env, appSecret: string): Promise<DemoUser[]> {
  const { db, close } = createDb({ url, max: 2 });
  try {
    const admin = adminFromEnv(env);
    if (admin && (await createFirstAdmin(db, admin)))
      log(`Created the first admin, ${admin.email}, from ADMIN_EMAIL.`);
    const seeded = await seedIfEmpty(db, env.DEMO_FANS, appSecret);
    // One user per role when the demo seeds, or when nobody could sign in otherwise.
    if (seeded || (await countUsers(db)) === 0) await createDemoUsers(db);
    return await workingDemoUsers(db);
  } finally {
    await close();
  }
}

function printSignIns(users: DemoUser[]) {
  if (users.length === 0)
    return log('Sign in with your own users (npm run users -- list shows them).');
  log('Sign in as (demo passwords, for this demo only):');
  const width = Math.max(...users.map((u) => u.email.length));
  for (const u of users) log(`  ${u.role.padEnd(8)}  ${u.email.padEnd(width)}  ${u.password}`);
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
    const appSecret = await demoAppSecret(env);
    const [signIns, authSecret] = await Promise.all([
      prepareDatabase(server.url, env, appSecret),
      demoAuthSecret(env),
      ensureNextBuild(log),
    ]);
    const childEnv = {
      DATABASE_URL: server.url,
      NEXT_TELEMETRY_DISABLED: '1',
      APP_SECRET: appSecret,
      ...authChildEnv(authSecret, env.PORT),
    };
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
    printSignIns(signIns);
  } catch (error) {
    console.error(`[demo] ${error instanceof Error ? error.message : error}`);
    await shutdown(1);
  }
}

void main();
