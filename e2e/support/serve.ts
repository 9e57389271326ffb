import path from 'node:path';
import { createDb } from '../../db/client';
import { createDatabaseFromTemplate, startTestServer } from '../../db/testing/test-server';
import { createDemoUsers } from '../../lib/auth/bootstrap';
import { seedDemo } from '../../lib/demo/seed-demo';
import { authChildEnv, randomAuthSecret } from '../../scripts/auth-env';
import { startChild, stopChild } from '../../scripts/processes';

// The e2e web server: a database of this run's own with a small demo community, the
// production build serving it and the worker behind it, with the demo's four users (one per role, e2e/support/sign-in.ts)
// and a session secret of its own. Everything it made is dropped when Playwright stops it.
async function main() {
  const server = await startTestServer();
  const { url } = await createDatabaseFromTemplate(server);
  const { db, close } = createDb({ url, max: 2 });
  await seedDemo(db, { fans: 400, seed: 21, end: new Date(Math.floor(Date.now() / 1000) * 1000) });
  await createDemoUsers(db);
  await close();

  const next = path.join('node_modules', 'next', 'dist', 'bin', 'next');
  const port = process.env.E2E_PORT ?? '3210';
  const secret = randomAuthSecret();
  const web = startChild('web', process.execPath, [next, 'start', '-p', port, '-H', '127.0.0.1'], {
    DATABASE_URL: url,
    // The tests browse http://127.0.0.1:<port>, so that is the app's own URL here.
    ...authChildEnv(secret, port),
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    // The purchase webhook's secrets are stored encrypted under it (e2e/webhooks.spec.ts).
    APP_SECRET: randomAuthSecret(),
  });
  // The worker too, as in the demo: a publish on the rules page reaches the stage counts
  // only through the lifecycle job.
  // The demo source stays off, so the numbers only move when a test moves them.
  // The same secret as the web app: ingest recognises erased people by it.
  const worker = startChild('worker', process.execPath, ['--import', 'tsx', 'workers/index.ts'], {
    DATABASE_URL: url,
    DEMO_LIVE: 'off',
    AUTH_SECRET: secret,
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await Promise.all([stopChild(web), stopChild(worker)]);
    await server.dispose();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  web.once('exit', () => void stop());
  worker.once('exit', () => void stop());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
