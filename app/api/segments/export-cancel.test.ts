import { sql } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { useTestDb } from '@/db/testing/test-db';
import { getDb, getExportSql } from '@/lib/server/db';
import { segmentCsvStream, type ExportEnd } from '@/lib/segments/export-csv';
import { segmentFiltersSchema } from '@/lib/segments/filters';
import { resolveFilters } from '@/lib/segments/query';
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
      and query like '%fan_features%' and query not like '%pg_stat_activity%'`);

describe('GET /api/segments/export – cancelled', () => {
  it('GET /api/segments/export – 15 downloads cancelled after the first chunk leave no connection behind', async () => {
    const cancelled = Array.from({ length: 15 }, async () => {
      const response = await exportRequest();
      expect(response.status).toBe(200);
      const reader = response.body!.getReader();
      const first = await reader.read();
      expect(first.done).toBe(false);
      expect(new TextDecoder().decode(first.value)).toMatch(/^telegram_user_id,fan_id,name/);
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

  it('GET /api/segments/export – a whole download after them gets every row, from the export pool', async () => {
    const response = await exportRequest();
    const reader = response.body!.getReader();
    const chunks: Uint8Array[] = [];
    const first = await within(30_000, 'the first chunk', reader.read());
    chunks.push(first.value!);
    // Between two chunks the export holds its connection: the export pool's, not the web's.
    expect((await exportSessions()).map((s) => s.application_name)).toContain(
      'fan-lifecycle-export',
    );
    for (;;) {
      const { done, value } = await within(30_000, 'the download', reader.read());
      if (done) break;
      chunks.push(value);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text.trim().split('\n')).toHaveLength(fans + 1);
  });
});

describe('segmentCsvStream', () => {
  it('stops an export whose reader stays connected but takes nothing, and frees its connection', async () => {
    const ends: ExportEnd[] = [];
    const stream = segmentCsvStream(
      getExportSql(),
      await resolveFilters(db, segmentFiltersSchema.parse({})),
      { personal: false, stallMs: 300, onEnd: (end) => void ends.push(end) },
    );
    const reader = stream.getReader();
    await reader.read();
    expect(await exportSessions()).not.toEqual([]);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await exportSessions()).toEqual([]);
    expect(ends).toMatchObject([{ completed: false, rows: expect.any(Number) }]);
    // What was already read ahead may still come; then the reader hears why it stopped.
    await expect(
      (async () => {
        while (!(await reader.read()).done);
      })(),
    ).rejects.toThrow(/took no data for 300 ms/);
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
