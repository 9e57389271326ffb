import { execFileSync, spawnSync } from 'node:child_process';

/** The user and group the Postgres processes run as (spawn's `uid` and `gid`). */
export interface RunAs {
  uid: number;
  gid: number;
}

const idOf = (flag: '-u' | '-g') =>
  Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: 'pipe' }).trim());

/**
 * Postgres refuses to run as root, so as root it runs as the `postgres` system user, made
 * here when the machine has none. Null when we are not root: it runs as us.
 */
export function postgresUser(): RunAs | null {
  if (process.getuid?.() !== 0) return null;
  try {
    return { uid: idOf('-u'), gid: idOf('-g') };
  } catch {
    // No such user yet.
  }
  try {
    execFileSync('groupadd', ['--force', '--system', 'postgres'], { stdio: 'pipe' });
    execFileSync(
      'useradd',
      [
        '--system',
        '--gid',
        'postgres',
        '--no-create-home',
        '--shell',
        '/usr/sbin/nologin',
        'postgres',
      ],
      { stdio: 'pipe' },
    );
  } catch (error) {
    throw new Error(
      'Running as root, the embedded Postgres needs a `postgres` system user, and ' +
        'groupadd/useradd could not make one: create it, or run as another user',
      { cause: error },
    );
  }
  return { uid: idOf('-u'), gid: idOf('-g') };
}

/** Whether `runAs` may run this program: the kernel's own answer (modes, ACLs, mounts). */
export function canRun(runAs: RunAs, program: string): boolean {
  return spawnSync(program, ['--version'], { ...runAs, stdio: 'ignore' }).status === 0;
}
