import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';
import { fingerprint } from '../db/testing/fingerprint';
import { createDatabaseFromTemplate } from '../db/testing/test-server';

function runImport(url: string, file: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import.ts', file], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stderr })),
  );
}

describe('npm run import', () => {
  it('refuses while another import runs (the Import page, or another process), writing nothing', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'import-cli-')), 'result.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'G',
        type: 'private_group',
        id: 5,
        messages: [{ id: 1, type: 'message', date: '2021-01-01T10:00:00', from_id: 'user1' }],
      }),
    );
    const { url } = await createDatabaseFromTemplate(inject('testServer'));
    const before = await fingerprint(url);
    const other = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await other`select pg_advisory_lock(hashtext('telegram_export.import'))`;
      const refused = await runImport(url, file);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`${file}: not imported: an import is running`);
      expect(await fingerprint(url)).toEqual(before);
    } finally {
      await other.end();
    }
    expect((await runImport(url, file)).code).toBe(0);
  });
});
