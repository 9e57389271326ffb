import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { startEmbeddedPostgres, type RunningServer } from '../embedded-server';
import { runMigrations } from '../migrate';

/**
 * The Postgres server for one test run: DATABASE_URL's when set, else a throwaway embedded
 * one. Every run works in databases named after a random run id, so two runs on one server
 * never meet, and `dispose` drops them all.
 */
export interface TestServer {
  serverUrl: string;
  templateName: string;
  runId: string;
  dispose: () => Promise<void>;
}

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function startTestServer(): Promise<TestServer> {
  let embedded: RunningServer | null = null;
  const dir = process.env.DATABASE_URL
    ? null
    : mkdtempSync(path.join(tmpdir(), 'fan-lifecycle-test-'));
  if (dir) embedded = await startEmbeddedPostgres({ dataDir: dir, persistent: false });
  const serverUrl = embedded?.url ?? process.env.DATABASE_URL!;
  const runId = `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const templateName = `${runId}_template`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${templateName}"`);
  await runMigrations(databaseUrl(serverUrl, templateName));
  return {
    serverUrl,
    templateName,
    runId,
    dispose: async () => {
      if (embedded) {
        // The whole throwaway cluster goes, whatever state a signal left it in.
        await admin.end({ timeout: 1 }).catch(() => {});
        await embedded.stop();
        if (dir) rmSync(dir, { recursive: true, force: true });
        return;
      }
      const dbs = await admin<{ datname: string }[]>`
        select datname from pg_database where datname like ${`${runId}%`}`;
      for (const { datname } of dbs)
        await admin.unsafe(`drop database if exists "${datname}" with (force)`);
      await admin.end();
    },
  };
}

/** A fresh database cloned from the run's migrated template (fast: a file copy). */
export async function createDatabaseFromTemplate(
  server: Pick<TestServer, 'serverUrl' | 'templateName' | 'runId'>,
) {
  const name = `${server.runId}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(server.serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}" template "${server.templateName}"`);
  } finally {
    await admin.end();
  }
  return { name, url: databaseUrl(server.serverUrl, name) };
}
