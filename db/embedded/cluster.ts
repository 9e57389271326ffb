import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  rmSync,
  rmdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunAs } from './postgres-user';

export interface Cluster {
  /** The directory Postgres runs on: `<DATA_DIR>/pg`, or where that symlink points. */
  pgdata: string;
  initialised: boolean;
  /** Deletes the cluster's files and the link to them (throwaway servers). */
  remove: () => void;
}

const lstatOrNull = (file: string) => {
  try {
    return lstatSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
};

/**
 * Where the cluster of DATA_DIR lives. DATA_DIR holds secrets (this password, the session
 * secret), so it is 0700 and only its owner enters it. As root, Postgres runs as the
 * `postgres` user, which therefore cannot reach `<DATA_DIR>/pg`; nor could it reach a
 * DATA_DIR inside a folder only root may enter. So as root a new cluster is made in a
 * folder the `postgres` user owns (under `systemDir`, or the temporary folder for a
 * throwaway one) and `<DATA_DIR>/pg` is a symlink to it: the next start finds it there.
 */
export function placeCluster({
  dataDir,
  runAs,
  persistent,
  systemDir,
}: {
  dataDir: string;
  runAs: RunAs | null;
  persistent: boolean;
  systemDir: string;
}): Cluster {
  const link = path.join(dataDir, 'pg');
  mkdirSync(dataDir, { recursive: true });
  chmodSync(dataDir, 0o700);
  let existing = lstatOrNull(link);
  if (existing?.isDirectory() && !existsSync(path.join(link, 'PG_VERSION'))) {
    if (readdirSync(link).length > 0)
      throw new Error(
        `${link} holds files but no Postgres cluster: move them away and start again`,
      );
    rmdirSync(link);
    existing = null;
  }
  let pgdata: string;
  let home: string | null = null;
  if (existing?.isSymbolicLink()) {
    pgdata = path.resolve(dataDir, readlinkSync(link));
    if (!existsSync(pgdata))
      throw new Error(
        `${link} links to ${pgdata}, which is gone: remove the link to start with an empty database`,
      );
    home = path.dirname(pgdata);
  } else if (existing) {
    pgdata = link;
    // A cluster made in place as root before clusters moved out: `postgres` passes through.
    if (runAs) chmodSync(dataDir, 0o711);
  } else if (!runAs) {
    pgdata = link;
  } else {
    let parent = tmpdir();
    if (persistent) {
      parent = path.join(systemDir, 'clusters');
      mkdirSync(parent, { recursive: true });
      chmodSync(systemDir, 0o755);
      chmodSync(parent, 0o755);
    }
    home = mkdtempSync(path.join(parent, persistent ? 'cluster-' : 'embedded-postgres-'));
    // Whose it is, for whoever finds it after DATA_DIR was deleted.
    writeFileSync(path.join(home, 'data-dir'), `${realpathSync(dataDir)}\n`);
    chownSync(home, runAs.uid, runAs.gid);
    chmodSync(home, 0o700);
    pgdata = path.join(home, 'data');
    symlinkSync(pgdata, link);
  }
  return {
    pgdata,
    initialised: existsSync(path.join(pgdata, 'PG_VERSION')),
    remove: () => {
      rmSync(home ?? pgdata, { recursive: true, force: true });
      rmSync(link, { recursive: true, force: true });
    },
  };
}

/**
 * initdb: password authentication (SCRAM) for every connection, local or TCP, the role
 * `postgres` with `password`, UTF-8 and the C locale. Its output goes to `log` (a file
 * descriptor); a failure's message says where.
 */
export async function initCluster({
  initdb,
  pgdata,
  runAs,
  password,
  log,
  logFile,
}: {
  initdb: string;
  pgdata: string;
  runAs: RunAs | null;
  password: string;
  log: number;
  logFile: string;
}): Promise<void> {
  // Next to the cluster, where the user initdb runs as may read it and nobody else may.
  const pwfile = path.join(path.dirname(pgdata), `.pwfile-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600, flag: 'wx' });
  try {
    if (runAs) chownSync(pwfile, runAs.uid, runAs.gid);
    const args = [
      `--pgdata=${pgdata}`,
      '--username=postgres',
      `--pwfile=${pwfile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
      '--no-instructions',
    ];
    await new Promise<void>((resolve, reject) => {
      const child = spawn(initdb, args, {
        ...runAs,
        env: { ...process.env, LC_ALL: 'C' },
        stdio: ['ignore', log, log],
      });
      child.once('error', reject);
      child.once('exit', (code, signal) =>
        code === 0
          ? resolve()
          : reject(new Error(`initdb failed (${signal ?? `exit code ${code}`}); see ${logFile}`)),
      );
    });
  } finally {
    rmSync(pwfile, { force: true });
  }
}
