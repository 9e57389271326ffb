import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import { useTestDb } from '../db/testing/test-db';
import { callRoute } from '../lib/api/testing/call-route';
import { openSecret } from '../lib/secrets/secret-box';
import { signatureFor } from '../lib/webhooks/signature';

const run = promisify(execFile);
const appSecret = 'cli-test-app-secret-cli-test-app-secret-0123';

// npm run webhooks, run for real on a database of its own.
describe('npm run webhooks -- add | list | rotate | revoke', () => {
  let url: string;
  let db: Database;
  beforeAll(async () => {
    const handle = await useTestDb();
    url = handle.url;
    db = handle.db;
  });

  const webhooks = (args: string[], env: Record<string, string | undefined> = {}) =>
    run(process.execPath, ['--import', 'tsx', 'scripts/webhooks.ts', ...args], {
      env: { ...process.env, DATABASE_URL: url, APP_SECRET: appSecret, ...env },
    });
  const failure = (args: string[], env?: Record<string, string | undefined>) =>
    webhooks(args, env).then(
      () => null,
      (error: { code: number; stderr: string }) => [error.code, error.stderr.trim()] as const,
    );
  const secretIn = (stdout: string) =>
    stdout.match(/Secret \(shown once, keep it safe\): (whsec_\S+)/)![1]!;

  /** The signing secrets stored for `name`, decrypted, oldest first. */
  async function stored(name: string) {
    const rows = await db.execute<{ ciphertext: Buffer; valid_until: string | null }>(sql`
      select k.ciphertext, k.valid_until from webhook_secrets k
      join webhook_sources s on s.id = k.source_id where s.name = ${name} order by k.id`);
    return rows.map((r) => ({
      secret: openSecret('webhook-secret', r.ciphertext, appSecret),
      validUntil: r.valid_until === null ? null : new Date(r.valid_until),
      raw: r.ciphertext,
    }));
  }

  it('adds a source, printing its secret once; the secret signs a delivery', async () => {
    const { stdout } = await webhooks(['add', '--name', 'Shop']);
    expect(stdout).toMatch(/^Added the webhook source Shop \(id \d+\)\./);
    expect(stdout).toContain('X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256');
    const secret = secretIn(stdout);
    const [kept] = await stored('Shop');
    expect(kept!.secret).toBe(secret);
    expect(kept!.raw.includes(Buffer.from(secret))).toBe(false);
    const [audit] = await db.execute<{ action: string; actor_user_id: number | null }>(
      sql`select action, actor_user_id from audit_log where entity = 'webhook_source'`,
    );
    expect(audit).toEqual({ action: 'webhook_source.create', actor_user_id: null });

    process.env.DATABASE_URL = url;
    process.env.APP_SECRET = appSecret;
    const { POST } = await import('../app/api/webhooks/purchases/route');
    const body = JSON.stringify({
      id: 'evt_cli',
      type: 'order.paid',
      order: {
        id: 'o-cli',
        customer_id: 'c-cli',
        amount: '5.00',
        currency: 'EUR',
        occurred_at: '2026-01-02T03:04:05+08:00',
      },
    });
    const res = await callRoute(POST, '/api/webhooks/purchases', {
      method: 'POST',
      raw: body,
      headers: { 'x-signature': signatureFor(secret, body) },
    });
    expect(res.status, res.text).toBe(200);
  }, 120_000);

  it('rotates with the overlap asked, lists, and revokes', async () => {
    await webhooks(['add', '--name', 'CRM']);
    const rotated = await webhooks(['rotate', '--name', 'crm', '--overlap-hours', '2']);
    expect(rotated.stdout).toMatch(/New secret for the webhook source CRM/);
    expect(rotated.stdout).toMatch(
      /The previous secret keeps signing until \d{4}-\d\d-\d\d \d\d:\d\d UTC/,
    );
    const [old, current] = await stored('CRM');
    expect(current!.secret).toBe(secretIn(rotated.stdout));
    expect(current!.validUntil).toBeNull();
    expect(Math.abs(old!.validUntil!.getTime() - (Date.now() + 2 * 3_600_000))).toBeLessThan(
      60_000,
    );

    const listed = await webhooks(['list']);
    expect(listed.stdout).toMatch(/^id\s+name\s+status\s+signing secrets\s+created \(UTC\)/);
    expect(listed.stdout).toMatch(/CRM\s+active\s+valid; valid until \d{4}-/);
    expect(listed.stdout).not.toContain(current!.secret);

    const revoked = await webhooks(['revoke', '--name', 'CRM']);
    expect(revoked.stdout).toMatch(
      /Revoked the webhook source CRM \(id \d+\) at .*: its deliveries are refused\./,
    );
    expect((await webhooks(['list'])).stdout).toMatch(
      /CRM\s+revoked \d{4}-\d\d-\d\d \d\d:\d\d UTC\s+none/,
    );
  }, 120_000);

  it('refuses a missing name, a taken one, an unknown source, a bad overlap and no APP_SECRET', async () => {
    const [usage, missing, taken, unknown, overlap, unconfigured, revokedRotate] =
      await Promise.all([
        failure(['frobnicate']),
        failure(['add']),
        failure(['add', '--name', 'SHOP']),
        failure(['revoke', '--name', 'Nobody']),
        failure(['rotate', '--name', 'Shop', '--overlap-hours', 'soon']),
        failure(['add', '--name', 'Elsewhere'], { APP_SECRET: '' }),
        failure(['rotate', '--name', 'CRM']),
      ]);
    expect(usage![0]).toBe(2);
    expect(usage![1]).toMatch(/^usage: npm run webhooks -- add --name <source>/);
    expect(missing).toEqual([2, '--name: is required']);
    expect(taken![0]).toBe(2);
    expect(taken![1]).toMatch(/A webhook source named SHOP already exists/);
    expect(unknown).toEqual([2, 'No webhook source named Nobody']);
    expect(overlap).toEqual([2, '--overlap-hours: must be a whole number of hours']);
    expect(unconfigured![0]).toBe(1);
    expect(unconfigured![1]).toMatch(/Set APP_SECRET/);
    expect(revokedRotate).toEqual([2, 'The webhook source CRM is revoked']);
    const [count] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from webhook_sources`,
    );
    expect(count!.n).toBe(2);
  }, 120_000);
});
