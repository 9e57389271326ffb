import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, fchmodSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import postgres from 'postgres';
import { packagedNativeDir, postgresBinaries } from './embedded/binaries';
import { initCluster, placeCluster } from './embedded/cluster';
import { createPassword, passwordFile, readPassword } from './embedded/password';
import { postgresUser } from './embedded/postgres-user';

export interface RunningServer {
  url: string;
  stop: () => Promise<void>;
}

/** Where, as root, the Postgres programs are copied and new clusters are kept. */
export const defaultSystemDir = '/var/lib/embedded-postgres';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function logTail(logFile: string, lines = 15): string {
  try {
    return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** SIGINT: Postgres's fast shutdown (sessions end, the cluster is left consistent). */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGINT');
  });
}

/** Resolves once the postmaster says "ready" in postmaster.pid, as `pg_ctl -w` waits. */
async function waitUntilReady(child: ChildProcess, pgdata: string, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  let failure: Error | null = null;
  child.once('error', (error) => (failure = error));
  while (Date.now() < deadline) {
    if (failure) throw failure;
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`Postgres stopped while starting (${child.signalCode ?? child.exitCode})`);
    try {
      const lines = readFileSync(path.join(pgdata, 'postmaster.pid'), 'utf8').split('\n');
      if (lines[0] === String(child.pid) && lines[7]?.trim() === 'ready') return;
    } catch {
      // Not written yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGINT');
  throw new Error(`Postgres was not ready after ${timeoutMs / 1000} s`);
}

/**
 * A cluster from before the password file was started with the fixed password
 * `postgres`: it gets a random one, kept like a new cluster's.
 */
async function replaceOldPassword(port: number, dataDir: string): Promise<string> {
  const sql = postgres(`postgres://postgres:postgres@127.0.0.1:${port}/postgres`, {
    max: 1,
    onnotice: () => {},
  });
  try {
    await sql`select 1`;
  } catch (error) {
    await sql.end({ timeout: 1 });
    throw new Error(
      `The cluster in ${dataDir} has no password file (${passwordFile(dataDir)}): ` +
        'write the password of its postgres role there',
      { cause: error },
    );
  }
  const password = createPassword(dataDir);
  try {
    await sql.unsafe(`alter role postgres password '${password}'`);
  } finally {
    await sql.end();
  }
  return password;
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package's programs, on a free
 * loopback port, with its cluster in `<dataDir>/pg` (created on first use, reused after;
 * as root a symlink to where the `postgres` user can run it, see placeCluster), its
 * password in `<dataDir>/postgres-password` and its own log in `<dataDir>/postgres.log`,
 * never on the console; all three readable by the owner only. `persistent: false`
 * deletes the cluster when stopped.
 */
export async function startEmbeddedPostgres({
  dataDir,
  persistent = true,
  systemDir = defaultSystemDir,
  nativeDir = packagedNativeDir(),
}: {
  dataDir: string;
  persistent?: boolean;
  systemDir?: string;
  nativeDir?: string;
}): Promise<RunningServer> {
  dataDir = path.resolve(dataDir);
  const runAs = postgresUser();
  const binaries = postgresBinaries({ nativeDir, runAs, systemDir });
  const cluster = placeCluster({ dataDir, runAs, persistent, systemDir });
  const logFile = path.join(dataDir, 'postgres.log');
  const log = openSync(logFile, 'a', 0o600);
  let child: ChildProcess | undefined;
  const killOnExit = () => child?.kill('SIGINT');
  try {
    fchmodSync(log, 0o600);
    let password = readPassword(dataDir);
    const oldCluster = cluster.initialised && password === null;
    if (!cluster.initialised) {
      password ??= createPassword(dataDir);
      await initCluster({ ...binaries, pgdata: cluster.pgdata, runAs, password, log, logFile });
    }
    const port = await freePort();
    const settings = {
      listen_addresses: '127.0.0.1',
      // TCP only: no socket file in a shared folder for anyone to try.
      unix_socket_directories: '',
      max_connections: '200',
    };
    child = spawn(
      binaries.postgres,
      [
        '-D',
        cluster.pgdata,
        '-p',
        String(port),
        ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
      ],
      { ...runAs, env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', log, log] },
    );
    process.on('exit', killOnExit);
    await waitUntilReady(child, cluster.pgdata);
    if (oldCluster) password = await replaceOldPassword(port, dataDir);
    const running = child;
    return {
      url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
      stop: async () => {
        await stopProcess(running);
        process.off('exit', killOnExit);
        if (!persistent) cluster.remove();
      },
    };
  } catch (error) {
    if (child) await stopProcess(child);
    process.off('exit', killOnExit);
    if (!persistent) cluster.remove();
    const tail = logTail(logFile);
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Embedded Postgres did not start: ${message}` +
        (tail ? `\nThe end of ${logFile}:\n${tail}` : ''),
      { cause: error },
    );
  } finally {
    closeSync(log);
  }
}
