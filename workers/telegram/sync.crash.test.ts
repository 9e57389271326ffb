import { spawn } from 'node:child_process';
import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';
import { fingerprint } from '../../db/testing/fingerprint';
import { createDatabaseFromTemplate } from '../../db/testing/test-server';

function runWorker(url: string) {
  return spawn(
    process.execPath,
    ['--import', 'tsx', 'workers/telegram/testing/sync-fake-chat.ts'],
    {
      env: { ...process.env, DATABASE_URL: url, MESSAGES: '600' },
      stdio: 'ignore',
    },
  );
}

const exit = (child: ReturnType<typeof runWorker>) =>
  new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

async function untilMessages(url: string, atLeast: number) {
  const sql = postgres(url, { max: 1 });
  try {
    for (;;) {
      const [row] = await sql<{ n: number }[]>`
        select coalesce(sum(progress_done), 0)::int as n from sync_state where stream = 'history'`;
      if (row!.n >= atLeast) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await sql.end();
  }
}

describe('the Telegram history sync', () => {
  it('killed mid-run and run again leaves the same data as one uninterrupted run', async () => {
    const server = inject('testServer');
    const clean = await createDatabaseFromTemplate(server);
    const crashed = await createDatabaseFromTemplate(server);
    expect(await exit(runWorker(clean.url))).toBe(0);

    const victim = runWorker(crashed.url);
    await untilMessages(crashed.url, 200);
    victim.kill('SIGKILL');
    await exit(victim);
    const partial = await fingerprint(crashed.url);
    expect(await exit(runWorker(crashed.url))).toBe(0);
    const expected = await fingerprint(clean.url);
    expect(partial!.events).toBeGreaterThan(0);
    expect(partial!.events).toBeLessThan(expected!.events);
    expect(await fingerprint(crashed.url)).toEqual(expected);
  });
});
