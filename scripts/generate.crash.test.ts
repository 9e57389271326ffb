import { spawn } from 'node:child_process';
import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';
import { fingerprint } from '../db/testing/fingerprint';
import { createDatabaseFromTemplate } from '../db/testing/test-server';

const args = [
  '--import',
  'tsx',
  'scripts/generate.ts',
  '--fans',
  '1500',
  '--seed',
  '4',
  '--end',
  '2026-06-01T00:00:00Z',
];

function generate(url: string) {
  return spawn(process.execPath, args, {
    env: { ...process.env, DATABASE_URL: url },
    stdio: 'ignore',
  });
}

async function untilEvents(url: string, atLeast: number) {
  const sql = postgres(url, { max: 1 });
  try {
    for (;;) {
      const [row] = await sql<{ n: number }[]>`select count(*)::int as n from events`;
      if (row!.n >= atLeast) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await sql.end();
  }
}

const exit = (child: ReturnType<typeof generate>) =>
  new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe('npm run generate', () => {
  it('killed mid-run and run again leaves the same data as one uninterrupted run', async () => {
    const server = inject('testServer');
    const clean = await createDatabaseFromTemplate(server);
    const crashed = await createDatabaseFromTemplate(server);

    expect(await exit(generate(clean.url))).toBe(0);

    const victim = generate(crashed.url);
    await untilEvents(crashed.url, 5000);
    victim.kill('SIGKILL');
    await exit(victim);
    const partial = await fingerprint(crashed.url);
    expect(partial!.events).toBeGreaterThan(0);

    expect(await exit(generate(crashed.url))).toBe(0);
    const expected = await fingerprint(clean.url);
    expect(partial!.events).toBeLessThan(expected!.events);
    expect(await fingerprint(crashed.url)).toEqual(expected);
    // Three runs of a 1,500-fan generation: about a minute on a busy two-core machine.
  }, 180_000);
});
