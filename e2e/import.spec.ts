import path from 'node:path';
import { expect, test } from '@playwright/test';
import { signIn } from './support/sign-in';

const fixtures = path.join(import.meta.dirname, '../../shared/fixtures/telegram-export');

test.describe('import in the browser', () => {
  test('an admin imports an export, sees the report, and a second import adds nothing', async ({
    page,
  }) => {
    await signIn(page, 'admin');
    await page.getByTestId('site-nav').getByRole('link', { name: 'Import' }).click();
    await page
      .getByTestId('import-file')
      .setInputFiles(path.join(fixtures, 'private-supergroup-reactions.json'));
    await page.getByTestId('import-submit').click();
    const report = page.getByTestId('import-report');
    await expect(report).toContainText('private-supergroup-reactions.json');
    await expect(page.getByTestId('import-added-alreadyStored')).toHaveText('0');
    await expect(page.getByTestId('import-added-events')).not.toHaveText('0');
    await page.screenshot({ path: 'test-results/screens/import-en-desktop.png', fullPage: true });

    await page
      .getByTestId('import-file')
      .setInputFiles(path.join(fixtures, 'private-supergroup-reactions.json'));
    await page.getByTestId('import-submit').click();
    await expect(page.getByTestId('import-added-events')).toHaveText('0');
    await expect(page.getByTestId('import-added-alreadyStored')).not.toHaveText('0');

    await page.getByTestId('import-file').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"messages": [}'),
    });
    await page.getByTestId('import-submit').click();
    await expect(page.getByTestId('import-error')).toContainText('not valid JSON');
  });

  test('only admins may import', async ({ page }) => {
    const anonymous = await page.request.post('/api/import', { data: '{}' });
    expect(anonymous.status()).toBe(401);
    await signIn(page, 'operator');
    const operator = await page.request.post('/api/import', { data: '{}' });
    expect(operator.status()).toBe(403);
  });
});
