import { expect, test, type Page } from '@playwright/test';
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
    expect(await response.json()).toEqual({ error: expect.any(String) });
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
    expect(await response.json()).toEqual({ error: expect.stringContaining('support') });
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
  });

  test('signing out ends the session', async ({ page }) => {
    await signIn(page, 'growth');
    await page.getByTestId('sign-out').click();
    await expect(page).toHaveURL(/\/signin$/);
    await expect(page.getByTestId('user-menu')).toHaveCount(0);
    await page.goto('/');
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F$/);
    const response = await page.request.get(engagements(1));
    expect(response.status()).toBe(401);
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
