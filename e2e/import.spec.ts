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
    await expect(page.getByTestId('import-error')).toContainText('broken.json');

    // Refusals from their codes, in the reader's language.
    const deep = {
      name: 'deep.json',
      mimeType: 'application/json',
      buffer: Buffer.from(`[${'['.repeat(5000)}${']'.repeat(5000)}]`),
    };
    await page.getByTestId('import-file').setInputFiles(deep);
    await page.getByTestId('import-submit').click();
    await expect(page.getByTestId('import-error')).toHaveText(
      'deep.json is nested deeper than 64 levels, which no Telegram export is: nothing was imported.',
    );
    await page.context().addCookies([{ name: 'locale', value: 'zh-CN', url: page.url() }]);
    await page.reload();
    await page.getByTestId('import-file').setInputFiles(deep);
    await page.getByTestId('import-submit').click();
    await expect(page.getByTestId('import-error')).toHaveText(
      'deep.json 的嵌套超过 64 层，不可能是 Telegram 导出文件：未导入任何内容。',
    );
  });

  test('an export with text Postgres cannot store is imported cleaned, and the report says which', async ({
    page,
  }) => {
    await signIn(page, 'admin');
    await page.goto('/import');
    const message = (id: number, from: string) => ({
      id,
      type: 'message',
      date: '2021-01-01T10:00:00',
      from,
      from_id: `user${900 + id}`,
      text: 'hi',
    });
    await page.getByTestId('import-file').setInputFiles({
      name: 'odd.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({
          name: 'Odd group',
          type: 'private_supergroup',
          id: 1987654321,
          messages: [message(1, 'Ann\u0000'), message(2, 'Bob')],
        }),
      ),
    });
    await page.getByTestId('import-submit').click();
    await expect(page.getByTestId('import-added-events')).toHaveText('2');
    await expect(page.getByTestId('import-unstorable')).toContainText(
      'messages[0] (message 1): firstName cleaned',
    );
  });

  test('only admins may import', async ({ page }) => {
    const anonymous = await page.request.post('/api/import', { data: '{}' });
    expect(anonymous.status()).toBe(401);
    await signIn(page, 'operator');
    const operator = await page.request.post('/api/import', { data: '{}' });
    expect(operator.status()).toBe(403);
  });
});
