import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  chromiumCache,
  findChromium,
  missingChromium,
  unpackNpmChromium,
  type ChromiumPlaces,
} from './chromium';

/** Places where only the files in `present` exist; records which places were looked at. */
function places(present: string[], { npm = '/cache/chromium' }: { npm?: string | null } = {}) {
  const looked: string[] = [];
  const fake: ChromiumPlaces = {
    playwright: () => {
      looked.push('playwright');
      return '/ms-playwright/chrome';
    },
    system: '/usr/bin/chromium',
    npm: async () => {
      looked.push('npm');
      return npm;
    },
    isExecutable: (file) => {
      if (file === '/usr/bin/chromium') looked.push('system');
      return present.includes(file);
    },
  };
  return { fake, looked };
}

describe('findChromium', () => {
  it("takes Playwright's own Chromium first, without unpacking the npm one", async () => {
    const { fake, looked } = places(['/ms-playwright/chrome', '/usr/bin/chromium']);
    expect(await findChromium(undefined, fake)).toEqual({
      source: 'playwright',
      executablePath: '/ms-playwright/chrome',
    });
    expect(looked).toEqual(['playwright']);
  });

  it("takes the system's next, also when Playwright cannot even say where its own is", async () => {
    const { fake, looked } = places(['/usr/bin/chromium']);
    expect(await findChromium('auto', fake)).toEqual({
      source: 'system',
      executablePath: '/usr/bin/chromium',
    });
    expect(looked).toEqual(['playwright', 'system']);
    fake.playwright = () => {
      throw new Error('unsupported platform');
    };
    expect((await findChromium('', fake)).source).toBe('system');
  });

  it("unpacks the npm package's when neither is there", async () => {
    const { fake, looked } = places([]);
    expect(await findChromium(undefined, fake)).toEqual({
      source: 'npm',
      executablePath: '/cache/chromium',
    });
    expect(looked).toEqual(['playwright', 'system', 'npm']);
  });

  it('says in one line what to install when there is none', async () => {
    const { fake } = places([], { npm: null });
    await expect(findChromium(undefined, fake)).rejects.toThrow(missingChromium);
    expect(missingChromium).not.toContain('\n');
    expect(missingChromium).toMatch(/npx playwright install chromium/);
  });

  it('E2E_CHROMIUM picks one source and looks nowhere else', async () => {
    const all = ['/ms-playwright/chrome', '/usr/bin/chromium'];
    const npm = places(all);
    expect((await findChromium('npm', npm.fake)).source).toBe('npm');
    expect(npm.looked).toEqual(['npm']);
    const system = places(all);
    expect((await findChromium('system', system.fake)).source).toBe('system');
    expect(system.looked).toEqual(['system']);
    await expect(findChromium('system', places([]).fake)).rejects.toThrow(
      /^E2E_CHROMIUM=system: No Chromium/,
    );
  });

  it('E2E_CHROMIUM takes the path of a Chromium, and refuses anything else', async () => {
    const { fake, looked } = places(['/opt/chrome/chrome', '/ms-playwright/chrome']);
    expect(await findChromium('/opt/chrome/chrome', fake)).toEqual({
      source: 'path',
      executablePath: '/opt/chrome/chrome',
    });
    expect(looked).toEqual([]);
    await expect(findChromium('/nowhere/chrome', fake)).rejects.toThrow(
      'E2E_CHROMIUM=/nowhere/chrome: there is no executable there',
    );
    await expect(findChromium('firefox', fake)).rejects.toThrow(
      'E2E_CHROMIUM must be auto, playwright, system, npm or the path of a Chromium, not "firefox"',
    );
  });
});

describe('unpackNpmChromium', () => {
  // The real package, into the cache the end-to-end tests use (unpacked once per machine).
  it("unpacks @sparticuz/chromium's Chromium where it runs", async () => {
    const chromium = await unpackNpmChromium(chromiumCache);
    expect(chromium).toMatch(/sparticuz-chromium-[\d.]+\/chromium$/);
    expect(execFileSync(chromium!, ['--version'], { encoding: 'utf8' })).toMatch(/^Chromium \d+/);
    expect(await unpackNpmChromium(chromiumCache)).toBe(chromium);
  }, 120_000);
});
