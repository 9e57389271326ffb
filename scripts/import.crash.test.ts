import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { writeExport } from '../lib/demo/export-writer';
import { generateHistory } from '../lib/demo/generate-history';
import { fingerprint } from '../db/testing/fingerprint';
import { createDatabaseFromTemplate } from '../db/testing/test-server';

function runImport(url: string, file: string) {
  return spawn(process.execPath, ['--import', 'tsx', 'scripts/import.ts', file], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

const exit = (child: ReturnType<typeof runImport>) =>
  new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe('npm run import', () => {
  it('killed mid-run and run again leaves the same data as one uninterrupted run', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'import-crash-')), 'result.json');
    const history = generateHistory({ fans: 1500, seed: 5, end: new Date('2026-06-01T00:00:00Z') });
    const { messages } = await writeExport(history, file);
    expect(messages).toBeGreaterThan(20_000);
    const server = inject('testServer');
    const clean = await createDatabaseFromTemplate(server);
    const crashed = await createDatabaseFromTemplate(server);

    expect(await exit(runImport(clean.url, file))).toBe(0);

    // Killed once it is writing: past 10,000 messages of its second pass.
    const victim = runImport(crashed.url, file);
    await new Promise<void>((resolve) =>
      victim.stderr.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('messages…')) resolve();
      }),
    );
    victim.kill('SIGKILL');
    await exit(victim);
    // Each batch commits on its own: part of the file is in, and the next run resumes.
    const partial = await fingerprint(crashed.url);
    const expected = await fingerprint(clean.url);
    expect(expected!.events).toBeGreaterThan(messages);
    expect(partial!.events).toBeLessThan(expected!.events);

    expect(await exit(runImport(crashed.url, file))).toBe(0);
    expect(await fingerprint(crashed.url)).toEqual(expected);
    // Three imports of a generated export: about a minute on a busy two-core machine.
  }, 180_000);
});
