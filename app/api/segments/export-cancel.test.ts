import { sql } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { useTestDb } from '@/db/testing/test-db';
import { getDb, getExportSql } from '@/lib/server/db';
import { roleCookies, seedManyFans } from '@/lib/segments/testing/seed';
import { GET as exportCsv } from './export/route';

// A download the reader walks away from must give its connection back at once. Before, the
// CSV writer waited for a `drain` that never came: ten cancelled exports held every pooled
// connection of the web app (sign-in included) and an open snapshot each.

const fans = 20_000;
let db: Database;
let cookie = '';
beforeAll(async () => {
  const test = await useTestDb();
  db = test.db;
  process.env.DATABASE_URL = test.url;
  await seedManyFans(db, fans);
  cookie = (await roleCookies(db)).admin;
});

const exportRequest = () =>
  exportCsv(
    new NextRequest('http://127.0.0.1:3000/api/segments/export?sort=spend', {
      headers: { host: '127.0.0.1:3000', cookie },
    }),
    { params: Promise.resolve({}) },
  );

function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms),
    ),
  ]);
}

/** Server sessions of this database still running or holding the export's query open. */
const exportSessions = () =>
  db.execute<{ state: string; application_name: string }>(sql`
    select state, application_name from pg_stat_activity
    where datname = current_database() and pid <> pg_backend_pid()
      and state in ('active', 'idle in transaction', 'idle in transaction (aborted)')
      and query like '%fan_features%'`);

describe('GET /api/segments/export – cancelled', () => {
  it('GET /api/segments/export – 15 downloads cancelled after the first chunk leave no connection behind', async () => {
    const cancelled = Array.from({ length: 15 }, async () => {
      const response = await exportRequest();
      expect(response.status).toBe(200);
      const reader = response.body!.getReader();
      const first = await reader.read();
      expect(first.done).toBe(false);
      expect(new TextDecoder().decode(first.value).split('\n').length).toBeGreaterThan(100);
      await reader.cancel();
    });
    await within(30_000, 'the 15 downloads', Promise.all(cancelled));

    // The web pool (sign-in, pages) answers at once.
    await within(1_000, 'the web pool', getDb().execute(sql`select 1`));
    // No export left running or idle in a transaction (holding back vacuum).
    let left = await exportSessions();
    for (let i = 0; i < 20 && left.length > 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      left = await exportSessions();
    }
    expect(left).toEqual([]);

    // Each is audited as not completed, with the rows that had gone out.
    const audits = await db.execute<{ after: { rows: number; completed: boolean } }>(
      sql`select after from audit_log where action = 'segment.export'`,
    );
    expect(audits).toHaveLength(15);
    for (const { after } of audits) {
      expect(after.completed).toBe(false);
      expect(after.rows).toBeLessThan(fans);
    }
  });

  it('GET /api/segments/export – a whole download after them still gets every row', async () => {
    const response = await exportRequest();
    const text = await within(30_000, 'the download', response.text());
    expect(text.trim().split('\n')).toHaveLength(fans + 1);
  });
});

describe('database pools of the web app', () => {
  it('bounds what one request can hold: statement, lock and idle-in-transaction timeouts', async () => {
    const settings = async (run: (q: string) => Promise<unknown>) =>
      Object.fromEntries(
        await Promise.all(
          ['statement_timeout', 'lock_timeout', 'idle_in_transaction_session_timeout'].map(
            async (name) => [
              name,
              ((await run(`show ${name}`)) as Record<string, string>[])[0]![name],
            ],
          ),
        ),
      );
    expect(await settings((q) => getDb().execute(sql.raw(q)))).toEqual({
      statement_timeout: '30s',
      lock_timeout: '10s',
      idle_in_transaction_session_timeout: '30s',
    });
    expect(await settings((q) => getExportSql().unsafe(q))).toEqual({
      statement_timeout: '10min',
      lock_timeout: '10s',
      idle_in_transaction_session_timeout: '1min',
    });
  });
});
