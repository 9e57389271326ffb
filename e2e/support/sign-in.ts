import { expect, type Page } from '@playwright/test';
import { demoUser } from '../../lib/auth/bootstrap';
import type { Role } from '../../db/schema/accounts';
import { landingPath } from '../../lib/auth/permissions';

/**
 * Signs `page` in through the sign-in form as the demo user of `role` (e2e/support/serve.ts
 * creates them) and waits for the page it lands on: `callbackUrl`, else the role's start page. The session cookie stays with the
 * page's browser context.
 */
export async function signIn(
  page: Page,
  role: Role,
  { callbackUrl }: { callbackUrl?: string } = {},
) {
  const user = demoUser(role);
  await page.goto(callbackUrl ? `/signin?${new URLSearchParams({ callbackUrl })}` : '/signin');
  await page.getByTestId('signin-email').fill(user.email);
  await page.getByTestId('signin-password').fill(user.password);
  await page.getByTestId('signin-submit').click();
  const landing = new URL(landingPath(role, callbackUrl), 'http://x').pathname;
  await expect(page).toHaveURL((url) => url.pathname === landing);
  await expect(page.getByTestId('user-role')).toBeVisible();
}
