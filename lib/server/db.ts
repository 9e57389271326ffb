import 'server-only';
import { createDb, type Database, type DbHandle, type Sql } from '../../db/client';

// The web app's two pools, one per server process, kept on globalThis so that dev hot
// reloads, which re-evaluate this module, reuse them instead of opening new ones.
//
// - The web pool answers pages and API calls. Its timeouts bound what one request can
//   hold: a statement that runs away, a lock that never comes, a transaction left open.
// - Exports (segment CSV) stream for as long as the reader reads, so they get a small pool
//   of their own with a longer statement timeout: however many downloads are open, sign-in
//   and the pages still find a free connection.
const globalForDb = globalThis as typeof globalThis & {
  __fanLifecycleDb?: DbHandle;
  __fanLifecycleExportDb?: DbHandle;
};

/** Session settings of the web pool (milliseconds). */
export const webConnection = {
  application_name: 'fan-lifecycle-web',
  statement_timeout: 30_000,
  lock_timeout: 10_000,
  idle_in_transaction_session_timeout: 30_000,
};

/** Session settings of the export pool: long statements, but no transaction left idle. */
export const exportConnection = {
  application_name: 'fan-lifecycle-export',
  statement_timeout: 600_000,
  lock_timeout: 10_000,
  idle_in_transaction_session_timeout: 60_000,
};

export const webPoolSize = 10;
export const exportPoolSize = 3;

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      'DATABASE_URL is not set: the web app reads live data from Postgres. The launcher ' +
        '(npm run demo) sets it; for `next dev` export DATABASE_URL=postgres://… first.',
    );
  }
  return url;
}

export function getDb(): Database {
  globalForDb.__fanLifecycleDb ??= createDb({
    url: databaseUrl(),
    max: webPoolSize,
    connection: webConnection,
  });
  return globalForDb.__fanLifecycleDb.db;
}

/** The pool for long work (streamed downloads, the import lock), apart from the web pool. */
export function getExportSql(): Sql {
  globalForDb.__fanLifecycleExportDb ??= createDb({
    url: databaseUrl(),
    max: exportPoolSize,
    connection: exportConnection,
  });
  return globalForDb.__fanLifecycleExportDb.sql;
}
