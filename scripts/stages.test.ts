import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { useTestDb } from '../db/testing/test-db';
import { eraseConfirmation, eraseFan } from '../lib/fans/erase-fan';
import { days, engage, hours, ingest, member } from '../lib/lifecycle/testing/facts';

const run = promisify(execFile);

describe('npm run stages', () => {
  let url: string;
  let db: Database;
  beforeAll(async () => {
    const handle = await useTestDb();
    url = handle.url;
    db = handle.db;
    await ingest(handle.db, [
      member(31, 'join', '2026-01-01T00:00:00Z'),
      ...[1, 2, 3].map((h) => engage(31, hours('2026-01-01T00:00:00Z', h))),
      engage(32, '2026-01-20T00:00:00Z', { type: 'reaction' }),
    ]);
  });

  const stages = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'scripts/stages.ts', ...args], {
      env: { ...process.env, DATABASE_URL: url },
    });

  it('prints every fan as of a time with its stage and the deciding features', async () => {
    const { stdout, stderr } = await stages('--as-of', '2026-01-21T00:00:00Z', '--format', 'csv');
    const rows = parse(stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!).slice(0, 4)).toEqual([
      'telegram_user_id',
      'fan_id',
      'stage',
      'rule',
    ]);
    expect(rows.map((r) => [r.telegram_user_id, r.stage, r.rule, r.silence_days])).toEqual([
      ['31', 'at_risk', 'at_risk_silence', '19.88'],
      ['32', 'new', 'new', '1.00'],
    ]);
    expect(rows[0]!.joined_at).toBe('2026-01-01T00:00:00+00:00');
    expect(stderr).toMatch(/2 fans as of 2026-01-21T00:00:00.000Z under rules v1/);
    const early = await stages('--as-of', days('2026-01-01T00:00:00Z', 1).toISOString());
    expect(early.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('keeps an erased fan with its stage but without its Telegram id', async () => {
    const [fan] = await db.execute<{ id: number }>(
      sql`select id from fans where telegram_user_id = 32`,
    );
    await eraseFan(db, fan!.id, { actorUserId: null, confirm: eraseConfirmation(fan!.id) });
    const { stdout } = await stages('--as-of', '2026-01-21T00:00:00Z', '--format', 'csv');
    const rows = parse(stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.telegram_user_id, r.fan_id, r.stage])).toContainEqual([
      '',
      String(fan!.id),
      'new',
    ]);
    expect(rows.map((r) => r.telegram_user_id)).not.toContain(String(-fan!.id));
  });

  it('refuses a malformed time or an unknown rule version with a clear message', async () => {
    await expect(stages('--as-of', 'yesterday')).rejects.toMatchObject({
      stderr: expect.stringMatching(/--as-of: must be an ISO 8601 time/),
    });
    await expect(stages('--as-of', '2026-01-21T00:00:00Z', '--rules', '7')).rejects.toMatchObject({
      stderr: expect.stringMatching(/Rule set version 7 does not exist/),
    });
  });
});
