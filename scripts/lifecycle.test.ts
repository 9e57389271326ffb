import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { describe, expect, inject, it } from 'vitest';
import { createDatabaseFromTemplate } from '../db/testing/test-server';

const run = promisify(execFile);
const shared = path.join(import.meta.dirname, '../../shared/fixtures/telegram-export');

// What an operator does with a brand's past: import real exports and a generated one (in
// no particular order), run the lifecycle work once, and read the history back. The
// history's stage at any instant is what `npm run stages -- --as-of` computes then.
describe('npm run lifecycle, then npm run stages -- --history', () => {
  it('records the whole life of imported data, equal to the stages as of any instant', async () => {
    const { url } = await createDatabaseFromTemplate(inject('testServer'));
    const cli = (script: string, ...args: string[]) =>
      run(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], {
        env: { ...process.env, DATABASE_URL: url },
        maxBuffer: 64 * 1024 * 1024,
      });
    const generated = path.join(mkdtempSync(path.join(tmpdir(), 'lifecycle-cli-')), 'result.json');
    await cli(
      'generate',
      '--fans',
      '120',
      '--seed',
      '4',
      '--days',
      '75',
      '--end',
      '2025-06-01T00:00:00Z',
      '--export',
      generated,
    );
    // Newer before older: the history does not depend on the order.
    for (const file of [
      generated,
      path.join(shared, 'public-supergroup-excerpts/software-testing.json'),
      path.join(shared, 'public-supergroup-excerpts/pujangga-kode-1.json'),
      path.join(shared, 'public-supergroup-excerpts/pujangga-kode-2.json'),
      path.join(shared, 'private-supergroup-reactions.json'),
    ])
      await cli('import', file);

    const { stdout: done } = await cli('lifecycle');
    expect(done).toMatch(/fans replayed \(every fan\), \d+ stage changes recorded/);

    const { stdout } = await cli('stages', '--history', '--format', 'csv');
    type Change = Record<
      'telegram_user_id' | 'fan_id' | 'from_stage' | 'to_stage' | 'changed_at',
      string
    >;
    const history = parse(stdout, { columns: true }) as Change[];
    expect(Object.keys(history[0]!).slice(0, 5)).toEqual([
      'telegram_user_id',
      'fan_id',
      'from_stage',
      'to_stage',
      'changed_at',
    ]);
    // One row per change, oldest first per fan, the first without a from_stage.
    const byFan = new Map<string, Change[]>();
    for (const r of history) byFan.set(r.fan_id, [...(byFan.get(r.fan_id) ?? []), r]);
    for (const rows of byFan.values()) {
      expect(rows[0]!.from_stage).toBe('');
      for (let i = 1; i < rows.length; i++) {
        expect(rows[i]!.changed_at > rows[i - 1]!.changed_at).toBe(true);
        expect(rows[i]!.from_stage).toBe(rows[i - 1]!.to_stage);
      }
    }
    const years = new Set(history.map((r) => r.changed_at.slice(0, 4)));
    expect([...years].sort()).toEqual(expect.arrayContaining(['2021', '2023', '2025', '2026']));

    // The stage each fan holds at T by the history, against `stages --as-of T`.
    const stageAt = (t: string) => {
      const held = new Map<string, string>();
      for (const [fan, rows] of byFan) {
        const last = rows.findLast((r) => r.changed_at <= t);
        if (last) held.set(fan, last.to_stage);
      }
      return held;
    };
    const changes = history.map((r) => r.changed_at).sort();
    const instants = [
      '2021-09-10T22:00:00.000000Z',
      '2021-10-01T00:00:00.000000Z',
      changes[Math.floor(changes.length / 3)]!,
      '2025-04-15T12:00:00.000000Z',
      changes[Math.floor((changes.length * 2) / 3)]!,
      '2026-05-06T12:00:00.000000Z',
      '2026-06-30T00:00:00.000000Z',
    ];
    for (const t of instants) {
      const { stdout: asOf } = await cli('stages', '--as-of', t.replace('000Z', 'Z'));
      const computed = new Map(
        (parse(asOf, { columns: true }) as Record<'fan_id' | 'stage', string>[]).map((r) => [
          r.fan_id,
          r.stage,
        ]),
      );
      expect({ t, stages: stageAt(t) }).toEqual({ t, stages: computed });
    }
  }, 240_000);
});
