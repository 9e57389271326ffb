import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renameIntoPlace } from '../lib/files/rename-into-place';

// Which Chromium the end-to-end tests drive: Playwright's own when installed, else the
// system's, else the one the npm package @sparticuz/chromium carries, so a machine with
// only Node runs them too. E2E_CHROMIUM picks one: auto (that order), playwright, system,
// npm, or the path of a Chromium.

export type ChromiumSource = 'playwright' | 'system' | 'npm' | 'path';

export interface FoundChromium {
  source: ChromiumSource;
  executablePath: string;
}

export interface ChromiumPlaces {
  /** Where Playwright's own Chromium is, whether installed or not (may throw). */
  playwright: () => string;
  system: string;
  /** The npm package's Chromium, unpacked on first use; null without the package. */
  npm: () => Promise<string | null>;
  isExecutable: (file: string) => boolean;
}

export const missingChromium =
  'No Chromium for the end-to-end tests: run `npm ci` (it installs @sparticuz/chromium), ' +
  "`npx playwright install chromium`, or the system's (Debian: `apt-get install chromium`)";

const choices = ['auto', 'playwright', 'system', 'npm'] as const;

export async function findChromium(
  choice: string | undefined,
  places: ChromiumPlaces,
): Promise<FoundChromium> {
  const want = choice?.trim() || 'auto';
  if (path.isAbsolute(want)) {
    if (places.isExecutable(want)) return { source: 'path', executablePath: want };
    throw new Error(`E2E_CHROMIUM=${want}: there is no executable there`);
  }
  if (!(choices as readonly string[]).includes(want))
    throw new Error(
      `E2E_CHROMIUM must be ${choices.join(', ')} or the path of a Chromium, not "${want}"`,
    );
  const look = {
    playwright: async () => {
      try {
        const file = places.playwright();
        return places.isExecutable(file) ? file : null;
      } catch {
        return null;
      }
    },
    system: async () => (places.isExecutable(places.system) ? places.system : null),
    npm: places.npm,
  };
  const order = want === 'auto' ? (['playwright', 'system', 'npm'] as const) : [want as 'npm'];
  for (const source of order) {
    const executablePath = await look[source]();
    if (executablePath) return { source, executablePath };
  }
  throw new Error(want === 'auto' ? missingChromium : `E2E_CHROMIUM=${want}: ${missingChromium}`);
}

export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium of @sparticuz/chromium, unpacked once per package version into
 * `<cacheRoot>/sparticuz-chromium-<version>/`. The package unpacks into os.tmpdir() and
 * trusts whatever `chromium` it finds there, so it unpacks into a folder of our own
 * (TMPDIR, for the moment) that is renamed into place whole: an interrupted unpack leaves
 * nothing that looks finished.
 */
export async function unpackNpmChromium(cacheRoot: string): Promise<string | null> {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  } catch {
    return null;
  }
  const { version } = JSON.parse(
    readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8'),
  );
  const target = path.join(cacheRoot, `sparticuz-chromium-${version}`);
  const binary = path.join(target, 'chromium');
  if (existsSync(binary)) return binary;
  mkdirSync(cacheRoot, { recursive: true });
  const staging = mkdtempSync(path.join(cacheRoot, '.unpacking-'));
  const tmpdir = process.env.TMPDIR;
  try {
    process.env.TMPDIR = staging;
    const { default: chromium } = await import('@sparticuz/chromium');
    await chromium.executablePath();
    renameIntoPlace(staging, target);
  } finally {
    if (tmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmpdir;
    rmSync(staging, { recursive: true, force: true });
  }
  return binary;
}

/** Where the npm package's Chromium is unpacked: next to the other tools' caches. */
export const chromiumCache = fileURLToPath(new URL('../node_modules/.cache', import.meta.url));

export async function defaultPlaces(): Promise<ChromiumPlaces> {
  const { chromium } = await import('@playwright/test');
  return {
    playwright: () => chromium.executablePath(),
    system: '/usr/bin/chromium',
    npm: () => unpackNpmChromium(chromiumCache),
    isExecutable,
  };
}
