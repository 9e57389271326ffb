import { expect, test, type Browser, type Page } from '@playwright/test';
import { roles } from '../db/schema/accounts';
import { demoUser } from '../lib/auth/bootstrap';
import { signIn } from './support/sign-in';

const engagements = (id: number) =>
  `/api/communities/${id}/engagements-per-day?from=2026-01-01&to=2026-01-31`;
const roleLabel = { admin: 'Admin', operator: 'Operator', growth: 'Growth', support: 'Support' };

/** A real community id, from the overview's community tabs (needs an overview role). */
async function firstCommunityId(page: Page): Promise<number> {
  const testId = await page
    .locator('[data-testid^="community-tab-"]')
    .first()
    .getAttribute('data-testid');
  return Number(testId!.replace('community-tab-', ''));
}

test.describe('sign-in and roles', () => {
  test('an anonymous visitor is sent to sign in, and the API refuses them', async ({
    page,
    request,
  }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F$/);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByTestId('site-nav')).toHaveCount(0);
    await expect(page.getByTestId('user-menu')).toHaveCount(0);

    await page.goto('/account');
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Faccount$/);

    const response = await request.get(engagements(1));
    expect(response.status()).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: 'unauthorized', message: expect.any(String) },
    });
  });

  for (const role of roles)
    test(`${role} signs in through the form and lands on its start page`, async ({ page }) => {
      await signIn(page, role);
      await expect(page.getByTestId('user-role')).toHaveText(roleLabel[role]);
      await expect(page.getByTestId('user-menu')).toContainText(demoUser(role).name);
      if (role === 'support') {
        await expect(page).toHaveURL(/\/fans$/);
        await expect(page.getByTestId('site-nav').getByRole('link')).toHaveText(['Fans']);
        await page.goto('/account');
        await expect(page.getByTestId('account-role')).toHaveText('Support');
        await expect(page.getByTestId('account-permissions').locator('li')).toHaveText([
          /Fan lookup/,
          /Privacy requests/,
          /Your account/,
        ]);
      } else {
        await expect(page).toHaveURL(/\/$/);
        await expect(page.getByTestId('community-title')).toBeVisible();
        await expect(
          page.getByTestId('site-nav').getByRole('link', { name: 'Overview' }),
        ).toBeVisible();
        const id = await firstCommunityId(page);
        const response = await page.request.get(engagements(id));
        expect(response.status()).toBe(200);
      }
    });

  test('support is refused the overview: no link, its API answers 403, / leads to its start page', async ({
    page,
  }) => {
    await signIn(page, 'support');
    await expect(page.getByRole('link', { name: 'Overview' })).toHaveCount(0);
    const response = await page.request.get(engagements(1));
    expect(response.status()).toBe(403);
    expect(await response.json()).toEqual({
      error: { code: 'forbidden', message: expect.stringContaining('support') },
    });
    await page.goto('/');
    await expect(page).toHaveURL(/\/fans$/);
  });

  test('after signing in, the page that asked for it opens', async ({ page }) => {
    await page.goto('/account');
    await expect(page).toHaveURL(/callbackUrl=%2Faccount/);
    await signIn(page, 'operator', { callbackUrl: '/account' });
    await expect(page.getByTestId('account-email')).toHaveText('operator@demo.local');
  });

  test('a wrong password is refused with a clear message, and guessing is stopped', async ({
    page,
  }) => {
    await page.goto('/signin');
    const attempt = async (email: string, password: string) => {
      await page.getByTestId('signin-email').fill(email);
      await page.getByTestId('signin-password').fill(password);
      await page.getByTestId('signin-submit').click();
      await expect(page.getByTestId('signin-submit')).toBeEnabled();
    };
    await attempt(demoUser('admin').email, 'not the password');
    await expect(page.getByTestId('signin-error')).toHaveText('Wrong email or password.');
    await expect(page).toHaveURL(/\/signin$/);

    // An account of no one, so the demo users stay usable: 5 failures, then refused.
    for (let i = 0; i < 5; i++) await attempt('guess@demo.local', `guess number ${i}`);
    await expect(page.getByTestId('signin-error')).toHaveText('Wrong email or password.');
    await attempt('guess@demo.local', 'one more guess');
    await expect(page.getByTestId('signin-error')).toHaveText(
      'Too many attempts. Try again in 15 minutes.',
    );

    // Claiming another address in X-Forwarded-For does not help: without a trusted proxy
    // the address is the connection's own.
    for (const forwarded of ['203.0.113.77', '198.51.100.1, 203.0.113.78']) {
      const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as {
        csrfToken: string;
      };
      const response = await page.request.post('/api/auth/callback/credentials', {
        form: { csrfToken, email: 'guess@demo.local', password: 'from afar', json: 'true' },
        headers: { 'x-forwarded-for': forwarded },
      });
      const { url } = (await response.json()) as { url: string };
      expect(new URL(url).searchParams.get('error')).toMatch(/^rate_limited:\d+$/);
    }

    // A body past the cap never reaches next-auth.
    const huge = await page.request.post('/api/auth/callback/credentials', {
      form: { email: 'guess@demo.local', password: 'x'.repeat(20_000) },
    });
    expect(huge.status()).toBe(413);
  });

  test('signing out ends the session everywhere: its cookie replayed in another browser gets 401', async ({
    page,
    browser,
  }) => {
    await signIn(page, 'growth');
    const id = await firstCommunityId(page);
    // Another browser with a copy of this one's cookies (a stolen or forgotten session).
    const copy = await browser.newContext({ storageState: await page.context().storageState() });
    try {
      expect((await copy.request.get(engagements(id))).status()).toBe(200);
      await page.getByTestId('sign-out').click();
      await expect(page).toHaveURL(/\/signin$/);
      await expect(page.getByTestId('user-menu')).toHaveCount(0);
      await page.goto('/');
      await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F$/);
      expect((await page.request.get(engagements(id))).status()).toBe(401);
      expect((await copy.request.get(engagements(id))).status()).toBe(401);
      const other = await copy.newPage();
      await other.goto('/');
      await expect(other).toHaveURL(/\/signin\?callbackUrl=%2F$/);
    } finally {
      await copy.close();
    }
  });

  test('a user changes their password on the account page: other sessions end, this one stays, the new password signs in', async ({
    page,
    browser,
  }) => {
    const email = `pw-${Date.now()}@demo.local`;
    const first = 'first password 1';
    const second = 'second password 2';
    await signIn(page, 'admin');
    const created = await page.request.post('/api/settings/users', {
      data: { email, name: 'Pat Password', role: 'operator', password: first },
    });
    expect(created.status()).toBe(201);

    const mine = await browser.newContext({ locale: 'en' });
    const theirs = await mine.newPage();
    try {
      await signInAs(theirs, email, first);
      const copy = await browser.newContext({ storageState: await mine.storageState() });
      try {
        await theirs.goto('/account');
        const form = theirs.getByTestId('password-change-form');
        // The two new ones differ: said in the browser, nothing sent.
        await form.getByTestId('password-currentPassword').fill(first);
        await form.getByTestId('password-newPassword').fill(second);
        await form.getByTestId('password-repeatPassword').fill('something else');
        await form.getByTestId('password-submit').click();
        await expect(form.getByTestId('password-repeatPassword-error')).toHaveText(
          'The two new passwords differ.',
        );
        // Too short: the server names the field and its limit.
        await form.getByTestId('password-newPassword').fill('short');
        await form.getByTestId('password-repeatPassword').fill('short');
        await form.getByTestId('password-submit').click();
        await expect(form.getByTestId('password-newPassword-error')).toHaveText(
          'At least 10 characters.',
        );
        await expect(form.getByTestId('password-error')).toHaveText(
          'Check the fields marked below; nothing was changed.',
        );
        // A wrong current password (one failed check against the sign-in limits).
        await form.getByTestId('password-currentPassword').fill('not the current one');
        await form.getByTestId('password-newPassword').fill(second);
        await form.getByTestId('password-repeatPassword').fill(second);
        await form.getByTestId('password-submit').click();
        await expect(form.getByTestId('password-currentPassword-error')).toHaveText(
          'This is not your current password.',
        );

        await form.getByTestId('password-currentPassword').fill(first);
        await form.getByTestId('password-submit').click();
        await expect(form.getByTestId('password-changed')).toHaveText(
          'Password changed. Every other session has ended.',
        );
        await expect(form.getByTestId('password-currentPassword')).toHaveValue('');
        // This browser stays signed in; the copy of the old session does not.
        await theirs.reload();
        await expect(theirs.getByTestId('account-email')).toHaveText(email);
        expect((await copy.request.get('/api/settings/sync')).status()).toBe(401);
        const copied = await copy.newPage();
        await copied.goto('/account');
        await expect(copied).toHaveURL(/\/signin\?callbackUrl=%2Faccount$/);
      } finally {
        await copy.close();
      }
      const again = await browser.newContext();
      try {
        await signInAs(await again.newPage(), email, second);
      } finally {
        await again.close();
      }
    } finally {
      await mine.close();
    }
  });

  test('screens: the password form on the account page in Chinese', async ({ browser }) => {
    await screenPasswordForm(browser, 'zh-CN', 'account-password-zh');
    await screenPasswordForm(browser, 'en', 'account-password');
  });

  test('screens: the sign-in page on a desktop and a phone, and the signed-in header on a phone', async ({
    browser,
  }) => {
    for (const [name, viewport, locale] of [
      ['desktop', { width: 1280, height: 800 }, 'en'],
      ['phone', { width: 390, height: 844 }, 'en'],
      ['phone-zh', { width: 390, height: 844 }, 'zh-CN'],
    ] as const) {
      const context = await browser.newContext({ viewport, locale, deviceScaleFactor: 2 });
      const page = await context.newPage();
      try {
        await page.goto('/signin');
        await expect(page.getByTestId('signin-submit')).toBeEnabled();
        await page.screenshot({ path: `test-results/screens/signin-${name}.png` });
        if (name === 'desktop') {
          await signIn(page, 'admin');
          await page.screenshot({ path: 'test-results/screens/signed-in-desktop-admin.png' });
        }
        if (name === 'phone') {
          await signIn(page, 'growth');
          await page.screenshot({ path: 'test-results/screens/signed-in-phone-growth.png' });
          await page.getByTestId('sign-out').click();
          await expect(page).toHaveURL(/\/signin$/);
          await signIn(page, 'support');
          await page.screenshot({ path: 'test-results/screens/signed-in-phone-support.png' });
        }
      } finally {
        await context.close();
      }
    }
  });
});

async function signInAs(page: Page, email: string, password: string) {
  await page.goto('/signin');
  await page.getByTestId('signin-email').fill(email);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
  await expect(page.getByTestId('user-role')).toBeVisible();
}

/** The account page's password form, with a field refused by the server, on a phone. */
async function screenPasswordForm(browser: Browser, locale: 'en' | 'zh-CN', name: string) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale,
    deviceScaleFactor: 2,
  });
  const page = await context.newPage();
  try {
    await signIn(page, 'support');
    await page.goto('/account');
    const form = page.getByTestId('password-change-form');
    await form.getByTestId('password-currentPassword').fill(demoUser('support').password);
    await form.getByTestId('password-newPassword').fill('short');
    await form.getByTestId('password-repeatPassword').fill('short');
    await form.getByTestId('password-submit').click();
    await expect(form.getByTestId('password-newPassword-error')).toBeVisible();
    await page
      .getByTestId('account-password')
      .screenshot({ path: `test-results/screens/${name}.png` });
  } finally {
    await context.close();
  }
}
