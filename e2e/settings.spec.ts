import { expect, test, type Page } from '@playwright/test';
import { demoChannel, demoGroup } from '../lib/demo/communities';
import { signIn } from './support/sign-in';

// Settings (admins): communities, Telegram accounts, sync status, users and roles.
// Careful with failed sign-ins: they count toward a per-address limit shared by the whole
// run, so this file makes exactly one (the disabled user's).

const screens = 'test-results/screens';
const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

async function openSettings(page: Page) {
  await page.getByTestId('site-nav').getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
}

async function signInWithForm(page: Page, email: string, password: string) {
  await page.goto('/signin');
  await page.getByTestId('signin-email').fill(email);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
}

test.describe('settings', () => {
  test('an admin sees the communities, how to add a Telegram account, and the sync moving', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, 'admin');
    await openSettings(page);

    const communities = page.getByTestId('settings-communities');
    const communityRow = (title: string) =>
      communities.locator('tbody tr').filter({
        has: page.getByTestId(/^settings-community-\d+$/).filter({ hasText: exactly(title) }),
      });
    for (const c of [demoChannel, demoGroup]) {
      const row = communityRow(c.title);
      await expect(row).toContainText(`@${c.username}`);
      await expect(row).toContainText(c.timeZone);
      await expect(row).toContainText('Not synced (imports or demo)');
    }
    await expect(communityRow(demoChannel.title)).toContainText(`${demoGroup.title} (Supergroup)`);

    await expect(page.getByTestId('telegram-accounts-empty')).toBeVisible();
    await expect(page.getByTestId('telegram-login-help')).toContainText(
      'npm run telegram:login -- --label <name> --track @chat',
    );

    const demo = page.locator('[data-testid^="sync-stream-"][data-testid$="-demo"]');
    await expect(demo).toHaveCount(1);
    await expect(demo).toContainText('Demo source');
    await expect(demo.getByTestId('sync-state')).toHaveText('OK');
    await expect(demo.getByRole('progressbar')).toHaveAttribute('aria-valuetext', '0 done so far');
    await expect(demo.getByTestId('sync-progress-text')).toHaveText('0 done so far');
    await expect(demo.getByTestId('sync-last-run')).toContainText('ago');
    await expect(demo.getByTestId('sync-error')).toHaveCount(0);
    // The channel has no sync_state rows of its own.
    await expect(page.getByTestId('settings-sync')).toContainText(
      "Not synced: this community's data comes from imports or the demo.",
    );

    // The page reads the sync status again on its own, about every 10 seconds.
    const refreshed = await page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/settings/sync',
      { timeout: 20_000 },
    );
    expect(refreshed.status()).toBe(200);
    const body = (await refreshed.json()) as { now: string; communities: unknown[] };
    expect(body.communities.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(body)).not.toMatch(/cursor|session/i);

    await page.screenshot({ path: `${screens}/settings-desktop.png`, fullPage: true });
  });

  test('a backfill moves on screen, with errors in red and a flood wait (sync API stubbed)', async ({
    page,
  }) => {
    // The e2e demo has no Telegram worker, so the browser's refreshes get the real status
    // with the worker's four streams added to the discussion group, one step further each time.
    let step = 0;
    await page.route('**/api/settings/sync', async (route) => {
      const real = (await (await route.fetch()).json()) as {
        now: string;
        communities: { title: string; streams: object[] }[];
      };
      step += 1;
      const now = Date.parse(real.now);
      const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
      const group = real.communities.find((c) => c.title === demoGroup.title)!;
      group.streams = [
        {
          stream: 'history',
          progressDone: 2500 * step,
          progressTotal: 10_000,
          lastRunAt: at(-0.5),
          lastSuccessAt: at(-6),
          lastError: null,
          floodWaitUntil: null,
        },
        {
          stream: 'admin_log',
          progressDone: 0,
          progressTotal: null,
          lastRunAt: at(-3),
          lastSuccessAt: null,
          lastError: 'CHAT_ADMIN_REQUIRED',
          floodWaitUntil: null,
        },
        {
          stream: 'participants',
          progressDone: 180,
          progressTotal: null,
          lastRunAt: at(-1),
          lastSuccessAt: at(-1),
          lastError: null,
          floodWaitUntil: null,
        },
        {
          stream: 'views',
          progressDone: 14,
          progressTotal: 14,
          lastRunAt: at(-2),
          lastSuccessAt: at(-125),
          lastError: null,
          floodWaitUntil: at(30),
        },
        ...group.streams,
      ];
      await route.fulfill({ json: real });
    });
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, 'admin');
    await openSettings(page);
    const stream = (name: string) =>
      page.locator(`[data-testid^="sync-stream-"][data-testid$="-${name}"]`);
    const history = stream('history');
    await expect(history.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '25', {
      timeout: 15_000,
    });
    await expect(history.getByTestId('sync-progress-text')).toHaveText('2,500 of 10,000 (25%)');
    await expect(history.getByTestId('sync-lag')).toHaveText('6 min');
    await expect(history.getByTestId('sync-last-run')).toHaveText('30 seconds ago');
    await expect(stream('admin_log').getByTestId('sync-state')).toHaveText('Error');
    await expect(stream('admin_log').getByTestId('sync-error')).toHaveText(
      'Last error: CHAT_ADMIN_REQUIRED',
    );
    await expect(stream('admin_log').getByTestId('sync-error')).toHaveClass(/text-red-700/);
    await expect(stream('admin_log').getByTestId('sync-lag')).toHaveText('no successful run yet');
    await expect(stream('participants').getByTestId('sync-progress-text')).toHaveText(
      '180 done so far',
    );
    await expect(stream('participants').getByRole('progressbar')).not.toHaveAttribute(
      'aria-valuenow',
    );
    await expect(stream('views').getByTestId('sync-state')).toHaveText('Flood wait');
    await expect(stream('views').getByTestId('sync-flood-wait')).toHaveText(
      /^Waiting for Telegram until \d\d:\d\d/,
    );
    await expect(stream('views').getByTestId('sync-lag')).toHaveText('2 hr');
    // The next refresh, about 10 seconds later, moves the bar.
    await expect(history.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '50', {
      timeout: 15_000,
    });
    await expect(history.getByTestId('sync-progress-text')).toHaveText('5,000 of 10,000 (50%)');
    await page
      .getByTestId('settings-sync')
      .screenshot({ path: `${screens}/settings-sync-backfill.png` });
  });

  test('an admin adds a user, changes its role, disables it, and it can no longer sign in', async ({
    page,
    browser,
  }) => {
    const email = `settings-${Date.now()}@demo.local`;
    const password = 'settings-pass-123';
    await signIn(page, 'admin');
    await openSettings(page);
    const users = page.getByTestId('settings-users');
    const form = page.getByTestId('add-user-form');

    // An admin may not disable themselves: the button is off, and the API refuses too.
    const own = users.locator('tr', { hasText: 'admin@demo.local' });
    await expect(own.getByTestId('user-toggle-disabled')).toBeDisabled();

    // Bad input: a clear message per field, and nobody is added.
    const before = await users.locator('tbody tr').count();
    await form.getByTestId('add-user-email').fill('not-an-email');
    await form.getByTestId('add-user-name').fill('Sam Settings');
    await form.getByTestId('add-user-password').fill('short');
    await form.getByTestId('add-user-submit').click();
    await expect(form.getByTestId('add-user-error')).toHaveText(
      'Check the fields marked below; nothing was changed.',
    );
    await expect(form.getByTestId('add-user-email-error')).toHaveText(
      'Enter a valid email address.',
    );
    await expect(form.getByTestId('add-user-password-error')).toHaveText('At least 10 characters.');
    await expect(form.getByTestId('add-user-name-error')).toHaveCount(0);
    await expect(users.locator('tbody tr')).toHaveCount(before);

    await form.getByTestId('add-user-email').fill(email);
    await form.getByTestId('add-user-password').fill(password);
    await form.getByTestId('add-user-role').selectOption('support');
    await form.getByTestId('add-user-submit').click();
    await expect(form.getByTestId('add-user-added')).toHaveText(`Added ${email}.`);
    const row = users.locator('tr', { hasText: email });
    await expect(row.getByTestId('user-role-select')).toHaveValue('support');
    await expect(row.getByTestId('user-status')).toHaveText('Active');
    await expect(form.getByTestId('add-user-email')).toHaveValue('');

    // The same email again is refused.
    await form.getByTestId('add-user-email').fill(email.toUpperCase());
    await form.getByTestId('add-user-name').fill('Twin');
    await form.getByTestId('add-user-password').fill(password);
    await form.getByTestId('add-user-submit').click();
    await expect(form.getByTestId('add-user-error')).toHaveText(
      'A user with this email already exists.',
    );

    await row.getByTestId('user-role-select').selectOption('growth');
    await expect(page.getByTestId('users-saved')).toHaveText('Sam Settings: saved.');
    await expect(row.getByTestId('user-role-select')).toHaveValue('growth');

    // The new user signs in with the new role (a successful sign-in counts toward no limit).
    const other = await browser.newContext();
    const theirs = await other.newPage();
    try {
      await signInWithForm(theirs, email, password);
      await expect(theirs).toHaveURL(/\/$/);
      await expect(theirs.getByTestId('user-role')).toHaveText('Growth');

      // A role change ends their session: they sign in again and have the new role.
      await row.getByTestId('user-role-select').selectOption('operator');
      await expect(row.getByTestId('user-role-select')).toHaveValue('operator');
      expect((await theirs.request.get('/api/settings/sync')).status()).toBe(401);
      await signInWithForm(theirs, email, password);
      await expect(theirs.getByTestId('user-role')).toHaveText('Operator');

      // The admin resets their password: a generated one, shown once; their session ends.
      await expect(own.getByTestId('user-reset-password')).toBeDisabled();
      await row.getByTestId('user-reset-password').click();
      const dialog = page.getByTestId('reset-password-dialog');
      await expect(dialog).toBeVisible();
      await dialog.getByTestId('reset-password-type').check();
      await dialog.getByTestId('reset-password-input').fill('short');
      await dialog.getByTestId('reset-password-submit').click();
      await expect(dialog.getByText('At least 10 characters.')).toBeVisible();
      await dialog.getByTestId('reset-password-generate').check();
      await dialog.getByTestId('reset-password-submit').click();
      const generated = dialog.getByTestId('reset-password-generated');
      await expect(generated).toHaveText(/^[\w-]{24}$/);
      const newPassword = (await generated.textContent())!;
      await dialog.screenshot({ path: `${screens}/settings-reset-password.png` });
      await dialog.getByTestId('reset-password-close').click();
      await expect(dialog).toHaveCount(0);
      expect((await theirs.request.get('/api/settings/sync')).status()).toBe(401);
      await signInWithForm(theirs, email, newPassword);
      await expect(theirs.getByTestId('user-role')).toHaveText('Operator');

      await row.getByTestId('user-toggle-disabled').click();
      await expect(row.getByTestId('user-status')).toHaveText('Disabled');
      await expect(row.getByTestId('user-toggle-disabled')).toHaveText('Enable');

      // Their session stops at their next request...
      const response = await theirs.request.get('/api/settings/sync');
      expect(response.status()).toBe(401);
      // ...and signing in again fails (the run's one failed attempt from this file).
      await signInWithForm(theirs, email, newPassword);
      await expect(theirs.getByTestId('signin-error')).toHaveText('Wrong email or password.');
      await expect(theirs).toHaveURL(/\/signin$/);
    } finally {
      await other.close();
    }

    // The API refuses an admin disabling themselves, with a clear error.
    const ids = (await (await page.request.get('/api/settings/users')).json()) as {
      users: { id: number; email: string }[];
    };
    const me = ids.users.find((u) => u.email === 'admin@demo.local')!;
    const self = await page.request.patch(`/api/settings/users/${me.id}`, {
      data: { disabled: true },
    });
    expect(self.status()).toBe(409);
    expect(await self.json()).toEqual({
      error: { code: 'self_disable', message: 'You cannot disable your own account' },
    });
    const bad = await page.request.patch(`/api/settings/users/${me.id}`, {
      data: { role: 'owner' },
    });
    expect(bad.status()).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { code: 'invalid', fields: [{ path: 'body.role', code: 'invalid_value' }] },
    });
    const nul = await page.request.post('/api/settings/users', {
      data: { email: `nul-${email}`, name: 'Nul\u0000Name', role: 'support', password },
    });
    expect(nul.status()).toBe(400);
    expect(await nul.json()).toMatchObject({
      error: { fields: [{ path: 'body.name', code: 'control_character' }] },
    });
  });

  test('growth gets 403 from the page and the API; anonymous is sent to sign in or gets 401', async ({
    page,
    request,
  }) => {
    const anonymous = await request.get('/api/settings/sync');
    expect(anonymous.status()).toBe(401);
    expect((await request.get('/api/settings/users')).status()).toBe(401);
    await page.goto('/settings');
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fsettings$/);

    await signIn(page, 'growth');
    await expect(page.getByTestId('site-nav').getByRole('link', { name: 'Settings' })).toHaveCount(
      0,
    );
    const response = await page.goto('/settings');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: 'Not part of your role' })).toBeVisible();
    for (const [method, url, data] of [
      ['get', '/api/settings/sync', undefined],
      ['get', '/api/settings/users', undefined],
      [
        'post',
        '/api/settings/users',
        { email: 'x@demo.local', name: 'X', role: 'admin', password: 'long enough pass' },
      ],
      ['patch', '/api/settings/users/1', { role: 'admin' }],
      ['post', '/api/settings/users/1/password', {}],
    ] as const) {
      const r = await page.request[method](url, data ? { data } : undefined);
      expect(r.status(), `${method} ${url}`).toBe(403);
      expect(await r.json()).toEqual({
        error: { code: 'forbidden', message: expect.stringContaining('growth') },
      });
    }
  });

  test('screens: Settings on a phone, in English and Chinese', async ({ browser }) => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        locale,
        deviceScaleFactor: 2,
      });
      const page = await context.newPage();
      try {
        await signIn(page, 'admin');
        await page.goto('/settings');
        await expect(page.getByTestId('settings-sync')).toBeVisible();
        await expect(page.locator('[data-testid^="sync-stream-"]').first()).toBeVisible();
        await page.screenshot({
          path: `${screens}/settings-phone${locale === 'en' ? '' : '-zh'}.png`,
          fullPage: true,
        });
        if (locale === 'en')
          for (const section of ['sync', 'users'])
            await page
              .getByTestId(`settings-${section}`)
              .screenshot({ path: `${screens}/settings-phone-${section}.png` });
      } finally {
        await context.close();
      }
    }
  });
});
