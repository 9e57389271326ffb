import { expect, test } from '@playwright/test';
import { signIn } from './support/sign-in';

test.describe('first screen', () => {
  test.beforeEach(async ({ page }) => signIn(page, 'growth'));

  test('a growth manager sees the demo community, its numbers and its daily engagement chart', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(page.getByTestId('community-title')).toContainText('Aurora Coffee');
    for (const stat of ['stat-fans', 'stat-posts', 'stat-engagements']) {
      await expect(page.getByTestId(stat)).toHaveText(/^[1-9][\d,]*$/);
    }
    const chart = page.getByTestId('engagement-chart');
    await expect(chart.getByRole('application')).toBeVisible();
    await expect(
      chart.locator('.recharts-area-area, .recharts-bar-rectangle, .recharts-line-curve').first(),
    ).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/first-screen-en.png', fullPage: true });

    await page.getByTestId('engagement-view-toggle').getByRole('button', { name: 'Table' }).click();
    const rows = page.getByTestId('engagement-table').locator('tbody tr');
    await expect(rows).toHaveCount(30);
    await expect(rows.first()).toContainText(/\d/);
  });

  test('the discussion group has its own numbers', async ({ page }) => {
    await page.goto('/');
    await page
      .getByRole('link', { name: /Aurora Coffee Chat/ })
      .first()
      .click();
    await expect(page.getByTestId('community-title')).toContainText('Aurora Coffee Chat');
    await expect(page).toHaveURL(/community=\d+/);
    await expect(page.getByTestId('stat-engagements')).toHaveText(/^[1-9][\d,]*$/);
  });

  test('a Chinese reader gets the interface in Chinese and can switch to English', async ({
    browser,
  }) => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    try {
      await signIn(page, 'growth');
      await page.goto('/');
      await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
      await expect(page.getByText('粉丝', { exact: true }).first()).toBeVisible();
      await page.screenshot({ path: 'test-results/screens/first-screen-zh.png', fullPage: true });

      await page.getByTestId('locale-switcher').selectOption('en');
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page.getByText('Fans', { exact: true }).first()).toBeVisible();
    } finally {
      await context.close();
    }
  });
});
