import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded-server';

describe('startEmbeddedPostgres', () => {
  it('starts a real server and keeps its data across a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'embedded-'));
    try {
      const first = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg') });
      const a = postgres(first.url, { onnotice: () => {} });
      await a`create table kept (v text)`;
      await a`insert into kept values ('still here')`;
      await a.end();
      await first.stop();

      const second = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg') });
      const b = postgres(second.url);
      expect(await b`select v from kept`).toEqual([{ v: 'still here' }]);
      await b.end();
      await second.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
