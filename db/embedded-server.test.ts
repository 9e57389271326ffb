import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { packagedNativeDir } from './embedded/binaries';
import { startEmbeddedPostgres, type RunningServer } from './embedded-server';

const asRoot = process.getuid?.() === 0;
const mode = (file: string) => statSync(file).mode & 0o777;

// Clusters made as root and copied programs go here, not to the machine's own folder.
let systemDir: string;
beforeAll(() => {
  systemDir = mkdtempSync(path.join(tmpdir(), 'embedded-system-'));
  chmodSync(systemDir, 0o755);
});
afterAll(() => rmSync(systemDir, { recursive: true, force: true }));

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** A new folder only its owner may enter (mkdtemp makes it 0700). */
function privateDir(prefix = 'embedded-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function start(options: Parameters<typeof startEmbeddedPostgres>[0]) {
  const server = await startEmbeddedPostgres({ systemDir, ...options });
  cleanups.push(() => server.stop());
  return server;
}

/** Null when `url` connects, else the server's error code. */
async function refusal(url: string): Promise<string | null> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await sql`select 1`;
    return null;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

const withPassword = (server: RunningServer, password: string) => {
  const url = new URL(server.url);
  url.password = password;
  return url.toString();
};

describe('startEmbeddedPostgres', () => {
  it('keeps its data and its password across a restart, all of it private', async () => {
    const dataDir = path.join(privateDir(), 'data');
    const first = await start({ dataDir });
    const a = postgres(first.url, { onnotice: () => {} });
    await a`create table kept (v text)`;
    await a`insert into kept values ('still here')`;
    await a.end();
    await first.stop();

    const second = await start({ dataDir });
    const b = postgres(second.url);
    expect(await b`select v from kept`).toEqual([{ v: 'still here' }]);
    await b.end();

    const password = readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim();
    expect(password).toMatch(/^[\w-]{32}$/);
    expect(new URL(first.url).password).toBe(password);
    expect(new URL(second.url).password).toBe(password);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(realpathSync(path.join(dataDir, 'pg')))).toBe(0o700);
    expect(mode(path.join(dataDir, 'postgres-password'))).toBe(0o600);
    expect(mode(path.join(dataDir, 'postgres.log'))).toBe(0o600);
    expect(readFileSync(path.join(dataDir, 'postgres.log'), 'utf8')).toContain(
      'database system is ready to accept connections',
    );
  });

  it('refuses a wrong password, the old fixed one and none, on every line of pg_hba.conf', async () => {
    const server = await start({ dataDir: privateDir() });
    expect(await refusal(withPassword(server, 'wrong'))).toBe('28P01');
    expect(await refusal(withPassword(server, 'postgres'))).toBe('28P01');
    expect(await refusal(withPassword(server, ''))).not.toBeNull();
    const sql = postgres(server.url, { max: 1 });
    const rules = await sql<{ type: string; auth_method: string }[]>`
      select type, auth_method from pg_hba_file_rules`;
    await sql.end();
    expect(rules.length).toBeGreaterThan(0);
    expect(new Set(rules.map((r) => r.auth_method))).toEqual(new Set(['scram-sha-256']));
  });

  it('gives a cluster from before the password file a random password', async () => {
    const dataDir = privateDir();
    const first = await start({ dataDir });
    const sql = postgres(first.url, { max: 1 });
    await sql`alter role postgres password 'postgres'`;
    await sql.end();
    await first.stop();
    rmSync(path.join(dataDir, 'postgres-password'));

    const second = await start({ dataDir });
    const password = readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim();
    expect(new URL(second.url).password).toBe(password);
    expect(password).not.toBe('postgres');
    expect(await refusal(second.url)).toBeNull();
    expect(await refusal(withPassword(second, 'postgres'))).toBe('28P01');
  });

  it('deletes a throwaway cluster when stopped', async () => {
    const dataDir = privateDir();
    const server = await startEmbeddedPostgres({ dataDir, persistent: false, systemDir });
    const cluster = realpathSync(path.join(dataDir, 'pg'));
    await server.stop();
    expect(existsSync(cluster)).toBe(false);
    expect(existsSync(path.join(dataDir, 'pg'))).toBe(false);
  });

  // As root Postgres runs as the `postgres` user, which may not enter a clone under /root
  // or a `mktemp -d`: neither to run the programs in node_modules nor to reach the cluster.
  it.runIf(asRoot)('runs as root from folders only root may enter', async () => {
    const locked = privateDir('locked-modules-');
    const nativeDir = path.join(locked, 'native');
    symlinkSync(packagedNativeDir(), nativeDir);
    const dataDir = path.join(privateDir('locked-data-'), 'data');

    const first = await start({ dataDir, nativeDir });
    const a = postgres(first.url, { onnotice: () => {} });
    await a`create table kept (v text)`;
    await a`insert into kept values ('still here')`;
    await a.end();
    await first.stop();

    const link = path.join(dataDir, 'pg');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    const cluster = readlinkSync(link);
    expect(cluster.startsWith(path.join(systemDir, 'clusters') + path.sep)).toBe(true);
    expect(statSync(cluster).uid).not.toBe(0);
    expect(mode(cluster)).toBe(0o700);
    expect(mode(path.dirname(cluster))).toBe(0o700);
    expect(readFileSync(path.join(path.dirname(cluster), 'data-dir'), 'utf8').trim()).toBe(
      realpathSync(dataDir),
    );
    expect(mode(dataDir)).toBe(0o700);

    const second = await start({ dataDir, nativeDir });
    const b = postgres(second.url);
    expect(await b`select v from kept`).toEqual([{ v: 'still here' }]);
    await b.end();
  });
});
