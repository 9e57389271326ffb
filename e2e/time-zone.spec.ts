import { expect, test, type Page } from '@playwright/test';
import { demoChannel } from '../lib/demo/communities';
import { signIn } from './support/sign-in';

// An admin sets a community's time zone on Settings: the days are recounted at once, the
// history is rebuilt by the worker in the background, and the page shows how far it got.
// Runs after settings.spec.ts and puts the demo channel back in its own zone at the end.

const screens = 'test-results/screens';
const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

const channelRow = (page: Page) =>
  page
    .getByTestId('settings-communities')
    .locator('tbody tr')
    .filter({
      has: page
        .getByTestId(/^settings-community-\d+$/)
        .filter({ hasText: exactly(demoChannel.title) }),
    });

/** Opens the channel's time zone dialog, searches, picks `zone` and saves. */
async function changeZone(page: Page, search: string, zone: string, change: string, save: string) {
  await channelRow(page).getByRole('button', { name: change }).click();
  const dialog = page.getByTestId('time-zone-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('time-zone-save')).toBeDisabled();
  await dialog.getByRole('combobox').fill(search);
  await dialog.getByRole('option', { name: new RegExp(`^✓?${zone.replace('/', '\\/')}`) }).click();
  await expect(dialog.getByRole('option', { selected: true })).toContainText(zone);
  await expect(dialog.getByTestId('time-zone-save')).toHaveText(save);
  return dialog;
}

test.describe('community time zone', () => {
  test('an admin sets the channel to New York, the days are recounted and the history rebuilt', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, 'admin');
    await page.getByTestId('site-nav').getByRole('link', { name: 'Settings' }).click();
    await expect(channelRow(page).getByTestId('community-time-zone')).toHaveText('Asia/Shanghai');

    await channelRow(page)
      .getByRole('button', { name: `Change the time zone of ${demoChannel.title}` })
      .click();
    const dialog = page.getByTestId('time-zone-dialog');
    await expect(dialog.getByTestId('time-zone-current')).toHaveText('Now: Asia/Shanghai');
    await expect(dialog.getByTestId('time-zone-save')).toBeDisabled();
    const search = dialog.getByRole('combobox', { name: 'Search time zones' });
    await search.fill('mars');
    await expect(dialog.getByRole('listbox')).toHaveText('No time zone matches.');
    // Words in any order, the way a person types a city.
    await search.fill('york new');
    await expect(dialog.getByRole('option').first()).toHaveText(
      /^America\/New_York\s*UTC−0[45]:00$/,
    );
    await search.press('Enter');
    await expect(dialog.getByTestId('time-zone-picked')).toHaveText('New: America/New_York');
    await dialog.screenshot({ path: `${screens}/settings-time-zone-dialog.png` });
    await dialog.getByTestId('time-zone-save').click();

    await expect(dialog).toHaveCount(0, { timeout: 60_000 });
    await expect(page.getByTestId('time-zone-saved')).toHaveText(
      new RegExp(
        `^${demoChannel.title}: time zone set to America/New_York\\. Its days were recounted \\([\\d,]+ fan-days?\\); its stage history is being rebuilt in the background\\.$`,
      ),
    );
    await expect(channelRow(page).getByTestId('community-time-zone')).toHaveText(
      'America/New_York',
    );
    // The worker replays the channel's fans; the page reads the progress until it is over.
    await expect(page.getByTestId('replay-done')).toHaveText(
      "History rebuilt: every fan's stages now follow the new time zone.",
      { timeout: 150_000 },
    );
    await page
      .getByTestId('settings-communities')
      .screenshot({ path: `${screens}/settings-time-zone-done.png` });

    // Stored and audited: a new visit shows it, the audit log has it.
    await page.reload();
    await expect(channelRow(page).getByTestId('community-time-zone')).toHaveText(
      'America/New_York',
    );
    const audit = (await (
      await page.request.get('/api/audit?action=community.time_zone')
    ).json()) as { entries: { before: unknown; after: unknown; actor: unknown }[] };
    expect(audit.entries[0]).toMatchObject({
      before: { timeZone: 'Asia/Shanghai' },
      after: { timeZone: 'America/New_York' },
      actor: { email: 'admin@demo.local' },
    });
    // The API refuses a zone Postgres does not know, in the one error shape.
    const id = (await channelRow(page)
      .getByTestId(/^settings-community-\d+$/)
      .getAttribute('data-testid'))!.replace('settings-community-', '');
    const refused = await page.request.patch(`/api/communities/${id}/time-zone`, {
      data: { timeZone: 'Mars/Olympus_Mons' },
    });
    expect(refused.status()).toBe(400);
    expect(await refused.json()).toMatchObject({
      error: { code: 'unknown_time_zone', fields: [{ path: 'timeZone' }] },
    });
  });

  test('the rebuild moves on screen, in English and Chinese (progress API stubbed)', async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const steps = [
      {
        locale: 'en',
        search: 'tokyo',
        zone: 'Asia/Tokyo',
        change: 'Change',
        save: 'Save time zone',
      },
      {
        locale: 'zh-CN',
        search: 'shanghai',
        zone: 'Asia/Shanghai',
        change: '更改',
        save: '保存时区',
      },
    ] as const;
    for (const step of steps) {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        locale: step.locale,
      });
      const page = await context.newPage();
      try {
        // The e2e worker may replay 400 fans before the page looks: the page gets a rebuild
        // that moves by 100 fans a read once the change is saved.
        let saved = false;
        let reads = 0;
        let channelId = 0;
        await page.route('**/api/settings/replay-progress', async (route) => {
          if (!saved) return route.fulfill({ json: { queuedFans: 0, byCommunity: [] } });
          reads += 1;
          const queued = Math.max(0, 400 - 100 * reads);
          await route.fulfill({
            json: {
              queuedFans: queued,
              byCommunity: queued
                ? [{ communityId: channelId, queuedFans: queued, fans: 400 }]
                : [],
            },
          });
        });
        await page.route('**/api/communities/*/time-zone', async (route) => {
          channelId = Number(new URL(route.request().url()).pathname.split('/')[3]);
          const response = await route.fetch();
          saved = response.ok();
          await route.fulfill({ response });
        });
        await signIn(page, 'admin');
        await page.goto('/settings');
        const dialog = await changeZone(page, step.search, step.zone, step.change, step.save);
        if (step.locale === 'zh-CN')
          await dialog.screenshot({ path: `${screens}/settings-time-zone-dialog-zh.png` });
        await dialog.getByTestId('time-zone-save').click();
        const text = page.getByTestId('replay-text');
        const bar = page.getByTestId('replay-progress').getByRole('progressbar');
        if (step.locale === 'en') {
          await expect(text).toHaveText('Rebuilding history: 300 of 400 fans left');
          await expect(bar).toHaveAttribute('aria-valuenow', '25');
          await page
            .getByTestId('settings-communities')
            .screenshot({ path: `${screens}/settings-time-zone-progress.png` });
          await expect(text).toHaveText('Rebuilding history: 200 of 400 fans left', {
            timeout: 10_000,
          });
          await expect(page.getByTestId('replay-done')).toBeVisible({ timeout: 20_000 });
        } else {
          await expect(page.getByTestId('time-zone-saved')).toContainText(
            `${demoChannel.title}：时区已设为 Asia/Shanghai。`,
          );
          await expect(text).toHaveText('正在重建历史：还剩 300 / 400 位粉丝');
          await page
            .getByTestId('settings-communities')
            .screenshot({ path: `${screens}/settings-time-zone-progress-zh.png` });
          await expect(page.getByTestId('replay-done')).toHaveText(
            '历史已重建：所有粉丝的阶段均已按新时区计算。',
            { timeout: 20_000 },
          );
        }
        await expect(channelRow(page).getByTestId('community-time-zone')).toHaveText(step.zone);
      } finally {
        await context.close();
      }
    }
  });
});
