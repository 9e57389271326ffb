import { expect, test } from '@playwright/test';
import { signIn } from './support/sign-in';

test.describe('audit log', () => {
  test('an admin finds who signed in and downloads the log as CSV', async ({ browser }) => {
    for (const locale of ['en', 'zh-CN']) {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      try {
        await signIn(page, 'admin');
        await page.goto('/audit');
        await expect(page.getByTestId('audit-row').first()).toBeVisible();
        const actions = await page.getByTestId('audit-action').locator('option').allTextContents();
        expect(actions.length).toBeGreaterThan(1);
        const action = actions[1]!;
        await page.getByTestId('audit-action').selectOption(action);
        await page.getByTestId('audit-apply').click();
        const rows = page.getByTestId('audit-row');
        await expect(rows.first()).toContainText(action);
        for (const text of await rows.allTextContents()) expect(text).toContain(action);
        await page.screenshot({ path: `test-results/screens/audit-${locale}.png`, fullPage: true });

        const download = page.waitForEvent('download');
        await page.getByTestId('audit-csv').click();
        const file = await (await download).path();
        const { readFile } = await import('node:fs/promises');
        const csv = await readFile(file, 'utf8');
        expect(csv.split('\n')[0]).toBe('id,at,actor,action,entity,entity_id,before,after');
        expect(csv).toContain(action);
      } finally {
        await context.close();
      }
    }
  });

  test('the audit page and its API are for admins only', async ({ page }) => {
    await signIn(page, 'operator');
    expect((await page.goto('/audit'))?.status()).toBe(403);
    expect((await page.request.get('/api/audit')).status()).toBe(403);
    await expect(page.getByTestId('site-nav').getByRole('link', { name: 'Audit' })).toHaveCount(0);
  });
});
