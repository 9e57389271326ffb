import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import { useTestDb } from '../db/testing/test-db';
import { createDemoUsers, demoSignInRefusal } from '../lib/auth/bootstrap';
import { findUserIdByEmail, listUsers, verifyCredentials } from '../lib/auth/user-queries';

const run = promisify(execFile);

// What npm start's refusal tells one to run, run for real on a demo database.
describe('npm run users -- password | disable | enable', () => {
  let url: string;
  let db: Database;
  beforeAll(async () => {
    const handle = await useTestDb();
    url = handle.url;
    db = handle.db;
    await createDemoUsers(db);
  });

  const users = (args: string[], input?: string) => {
    const child = run(process.execPath, ['--import', 'tsx', 'scripts/users.ts', ...args], {
      env: { ...process.env, DATABASE_URL: url },
    });
    if (input !== undefined) child.child.stdin!.end(input);
    else child.child.stdin!.end();
    return child;
  };

  // Each run starts a Node with tsx: the independent ones run side by side.
  it('gives new passwords and disables, until no demo sign-in works', async () => {
    const [generated, , disabled] = await Promise.all([
      users(['password', '--email', 'admin@demo.local']),
      users(['password', '--email', 'GROWTH@demo.local', '--password-stdin'], 'my own growth pw\n'),
      users(['disable', '--email', 'operator@demo.local']),
      users(['disable', '--email', 'support@demo.local']),
    ]);
    const password = generated.stdout.match(/Password \(shown once, keep it safe\): (\S+)/)![1]!;
    expect(await verifyCredentials(db, 'admin@demo.local', password)).not.toBeNull();
    expect(await verifyCredentials(db, 'growth@demo.local', 'my own growth pw')).not.toBeNull();
    expect(disabled.stdout).toContain('operator@demo.local (id 2): operator, disabled');
    expect(await demoSignInRefusal(db)).toBeNull();
  }, 120_000);

  it('refuses an unknown email and disabling the last admin, changing nothing', async () => {
    const failure = (args: string[]) =>
      users(args).then(
        () => null,
        (error: { code: number; stderr: string }) => [error.code, error.stderr.trim()],
      );
    const [unknown, lastAdmin] = await Promise.all([
      failure(['disable', '--email', 'nobody@demo.local']),
      failure(['disable', '--email', 'admin@demo.local']),
    ]);
    expect(unknown).toEqual([2, 'No user with the email nobody@demo.local']);
    expect(lastAdmin![0]).toBe(2);
    expect(lastAdmin![1]).toMatch(/is the last active admin/);
    const adminId = await findUserIdByEmail(db, 'admin@demo.local');
    expect((await listUsers(db)).find((u) => u.id === adminId)!.disabled).toBe(false);
  }, 120_000);
});
