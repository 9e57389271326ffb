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
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, stdout, stderr })),
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

  it('tells a purchase CSV from an export by its content, not its name', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'import-cli-'));
    // Each named as the other kind would be.
    const csv = path.join(dir, 'orders.json');
    writeFileSync(
      csv,
      '\ufeffstatus,order_id,customer_id,telegram_user_id,amount,currency,occurred_at\r\n' +
        'paid,A-1,c-1,,19.90,USD,2026-01-05T10:00:00Z\r\n' +
        ',A-2,c-2,901,5.00,EUR,2026-01-06T10:00:00+08:00\r\n' +
        'paid,A-3,c-3,,5.0.0,EUR,2026-01-06T10:00:00Z\r\n',
    );
    const json = path.join(dir, 'export.csv');
    writeFileSync(
      json,
      JSON.stringify({
        name: 'G',
        type: 'private_group',
        id: 6,
        messages: [{ id: 1, type: 'message', date: '2021-01-01T10:00:00', from_id: 'user1' }],
      }),
    );
    const { url } = await createDatabaseFromTemplate(inject('testServer'));
    const orders = await runImport(url, csv);
    expect(orders.code).toBe(0);
    expect(JSON.parse(orders.stdout)).toMatchObject({
      kind: 'purchase_csv',
      file: csv,
      rows: 3,
      added: { purchases: 2, customersCreated: 2, customersLinked: 1 },
      unlinked: { customers: 1, orders: 1, revenue: [{ currency: 'USD', amount: '19.90' }] },
      badRows: { count: 1, listed: [{ line: 4, column: 'amount' }] },
    });
    const exported = await runImport(url, json);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({
      kind: 'telegram_export',
      added: { events: 1 },
    });
    // A wrong header: refused, naming the columns, nothing written.
    const before = await fingerprint(url);
    writeFileSync(
      csv,
      'order_id,customer_id,amount,currency,occurred_at\nA-9,c,1.00,USD,2026-01-05T10:00:00Z\n',
    );
    const refused = await runImport(url, csv);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `${csv}: not imported: line 1 (the header): missing columns "telegram_user_id", "status"`,
    );
    expect(await fingerprint(url)).toEqual(before);
  });
});
