import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from './processes';

const SOURCES = [
  'app',
  'components',
  'lib',
  'db',
  'public',
  'next.config.ts',
  'proxy.ts',
  'instrumentation.ts',
  'package-lock.json',
  'postcss.config.mjs',
];
const STAMP = path.join('.next', 'source-hash');

function hashSources(): string {
  const hash = createHash('sha256');
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    if (statSync(p).isDirectory()) {
      for (const name of readdirSync(p).sort())
        if (name !== 'migrations') visit(path.join(p, name));
    } else hash.update(p).update(readFileSync(p));
  };
  SOURCES.forEach(visit);
  return hash.digest('hex');
}

/** Builds the web app unless the last build was made from exactly these sources. */
export async function ensureNextBuild(log: (line: string) => void): Promise<void> {
  const hash = hashSources();
  if (
    existsSync(STAMP) &&
    readFileSync(STAMP, 'utf8') === hash &&
    existsSync(path.join('.next', 'BUILD_ID'))
  )
    return;
  log('Building the web app (first start or changed sources; about a minute)…');
  await run(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    NEXT_TELEMETRY_DISABLED: '1',
  });
  writeFileSync(STAMP, hash);
}
