import 'server-only';
import { createDb, type Database, type DbHandle, type Sql } from '../../db/client';

// One pool per server process. Kept on globalThis so that dev hot reloads, which
// re-evaluate this module, reuse the pool instead of opening a new one each time.
const globalForDb = globalThis as typeof globalThis & { __fanLifecycleDb?: DbHandle };

export function getDb(): Database {
  if (!globalForDb.__fanLifecycleDb) {
    const url = process.env.DATABASE_URL;
    if (!url) {
      throw new Error(
        'DATABASE_URL is not set: the web app reads live data from Postgres. The launcher ' +
          '(npm run demo) sets it; for `next dev` export DATABASE_URL=postgres://… first.',
      );
    }
    globalForDb.__fanLifecycleDb = createDb({ url });
  }
  return globalForDb.__fanLifecycleDb.db;
}

/** The same pool's postgres.js client, for cursors (streamed exports). */
export function getSqlClient(): Sql {
  getDb();
  return globalForDb.__fanLifecycleDb!.sql;
}
