import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { createDb } from '../../db/client';
import { runMigrations } from '../../db/migrate';
import { databaseUrl, type TestServer } from '../../db/testing/test-server';
import { loadHistory } from './load-history';

const migrations = path.join(import.meta.dirname, '../../db/migrations');

/**
 * One hash per prefix of the migration list, longest last. A history loaded under a prefix
 * stays usable while those files are unchanged: landed migrations are never edited (but for
 * a comment now and then, which only costs a reload), so a clone only needs the newer ones
 * applied; runMigrations also brings its db/sql functions and views to the files.
 */
function schemaHashes(): string[] {
  const hash = createHash('sha256');
  return readdirSync(migrations)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((file) =>
      hash
        .update(readFileSync(path.join(migrations, file)))
        .copy()
        .digest('hex')
        .slice(0, 10),
    );
}

/**
 * A database holding the demo history for (fans, seed), loaded once and kept on the server
 * as a template (a million fans take many minutes to load); each run measures on a fresh
 * clone of it, migrated to the current schema. An embedded server is thrown away with its
 * run, cache and all.
 */
export async function cloneHistory(
  server: TestServer,
  { fans, seed, end, fresh }: { fans: number; seed: number; end: Date; fresh: boolean },
  report: (bench: string, fields: Record<string, number | string>) => void,
): Promise<string> {
  const names = schemaHashes().map((hash) => `bench_history_${fans}_${seed}_${hash}`);
  const admin = postgres(server.serverUrl, { max: 1, onnotice: () => {} });
  try {
    const existing = (
      await admin<
        { datname: string }[]
      >`select datname from pg_database where datname = any(${names})`
    ).map((r) => r.datname);
    let template = names.findLast((name) => existing.includes(name));
    if (template && fresh) {
      await admin.unsafe(`drop database "${template}" with (force)`);
      template = undefined;
    }
    if (!template) {
      template = names.at(-1)!;
      await admin.unsafe(`create database "${template}"`);
      const url = databaseUrl(server.serverUrl, template);
      try {
        await runMigrations(url);
        // Four COPY streams stay open while loading, each on a connection of its own.
        const handle = createDb({ url, max: 6 });
        const started = performance.now();
        try {
          const { events } = await loadHistory(handle, { fans, seed, end });
          const seconds = +((performance.now() - started) / 1000).toFixed(1);
          report('history_load', { fans, events, seconds });
        } finally {
          await handle.close();
        }
      } catch (error) {
        await admin.unsafe(`drop database if exists "${template}" with (force)`);
        throw error;
      }
    }
    const clone = `${server.runId}_history`;
    await admin.unsafe(`create database "${clone}" template "${template}"`);
    const url = databaseUrl(server.serverUrl, clone);
    await runMigrations(url);
    return url;
  } finally {
    await admin.end();
  }
}
