import path from 'node:path';
import { createDb } from '../db/client';
import { resolveDatabase } from '../db/database-url';
import { runMigrations } from '../db/migrate';
import { demoSignInRefusal } from '../lib/auth/bootstrap';
import { readEnv, requireAuthSecret } from '../lib/env';
import { adminFromEnvOnStart, authChildEnv } from './auth-env';
import { runCli } from './cli';
import { startChild, stopChild } from './processes';

// npm start: the production web app (after npm run build), on DATABASE_URL or embedded;
// never while the demo's public sign-ins still open that database.
async function main() {
  const env = readEnv();
  const authSecret = requireAuthSecret(env);
  const server = await resolveDatabase();
  await runMigrations(server.url);
  const { db, close } = createDb({ url: server.url, max: 1 });
  let refusal: string | null;
  try {
    await adminFromEnvOnStart(db, env, console.log);
    refusal = await demoSignInRefusal(db);
  } finally {
    await close();
  }
  if (refusal) {
    await server.stop();
    throw new Error(refusal);
  }
  const next = path.join('node_modules', 'next', 'dist', 'bin', 'next');
  const web = startChild('web', process.execPath, [next, 'start', '-p', String(env.PORT)], {
    DATABASE_URL: server.url,
    ...authChildEnv(authSecret, env.PORT),
  });
  const stop = async (code: number) => {
    await stopChild(web);
    await server.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  web.once('exit', (code) => void stop(code ?? 1));
}

runCli(main);
