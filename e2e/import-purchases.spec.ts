import { expect, test } from '@playwright/test';
import { signIn } from './support/sign-in';

const header = 'order_id,customer_id,telegram_user_id,amount,currency,occurred_at,status';
const orders = {
  name: 'orders.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(
    [
      header,
      'E2E-1,e2e-cust-1,,19.90,USD,2026-01-05T10:00:00Z,paid',
      'E2E-2,e2e-cust-2,987650001,25.00,USD,2026-01-06T09:30:00+08:00,',
      'E2E-3,e2e-cust-3,,12.3x,USD,2026-01-07T10:00:00Z,paid',
      'E2E-1,e2e-cust-1,,19.90,USD,2026-01-08T10:00:00Z,refunded',
      'E2E-4,e2e-cust-1,,5.00,USD,2026-01-09T10:00:00Z,paid',
    ].join('\n'),
  ),
};

test.describe('purchase CSV import in the browser', () => {
  test('an admin imports a purchase CSV with a bad row, sees the report in both languages', async ({
    page,
  }) => {
    await signIn(page, 'admin');
    await page.goto('/import');
    await page.getByTestId('import-file').setInputFiles(orders);
    await page.getByTestId('import-submit').click();
    const report = page.getByTestId('import-report');
    await expect(report).toContainText('orders.csv');
    await expect(page.getByTestId('csv-rows')).toHaveText('5 rows read, 1 not imported.');
    await expect(page.getByTestId('csv-added-purchases')).toHaveText('3');
    await expect(page.getByTestId('csv-added-refunds')).toHaveText('1');
    await expect(page.getByTestId('csv-added-alreadyStored')).toHaveText('0');
    await expect(page.getByTestId('csv-added-customersCreated')).toHaveText('2');
    await expect(page.getByTestId('csv-added-customersLinked')).toHaveText('1');
    // e2e-cust-1: 19.90 + 5.00 paid, 19.90 refunded.
    await expect(page.getByTestId('csv-unlinked')).toContainText(
      '2 orders and 1 refund of 1 customer linked to no fan.',
    );
    await expect(page.getByTestId('csv-unlinked-USD')).toHaveText('$5.00');
    const bad = page.getByTestId('csv-bad-rows');
    await expect(bad).toContainText('Rows not imported (1)');
    await expect(bad.getByRole('row', { name: '4' })).toContainText(
      'amountnot an amount such as 19.90 (digits, at most 2 decimals)',
    );
    await page.screenshot({
      path: 'test-results/screens/import-csv-en-desktop.png',
      fullPage: true,
    });

    // In Chinese, the same file again: nothing added, the same bad row.
    await page.context().addCookies([{ name: 'locale', value: 'zh-CN', url: page.url() }]);
    await page.reload();
    await page.getByTestId('import-file').setInputFiles(orders);
    await page.getByTestId('import-submit').click();
    await expect(page.getByTestId('csv-rows')).toHaveText('读取 5 行，1 行未导入。');
    await expect(page.getByTestId('csv-added-purchases')).toHaveText('0');
    await expect(page.getByTestId('csv-added-alreadyStored')).toHaveText('4');
    await expect(page.getByTestId('csv-bad-rows')).toContainText(
      '不是金额，如 19.90（数字，最多两位小数）',
    );
    await page.screenshot({
      path: 'test-results/screens/import-csv-zh-desktop.png',
      fullPage: true,
    });

    // A header with a column the import does not read: refused, naming it.
    await page.getByTestId('import-file').setInputFiles({
      name: 'coupons.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `${header},coupon\nE2E-9,e2e-cust-9,,1.00,USD,2026-01-05T10:00:00Z,paid,X\n`,
      ),
    });
    await page.getByTestId('import-submit').click();
    await expect(page.getByTestId('import-error')).toContainText('coupons.csv 未导入');
    await expect(page.getByTestId('import-error')).toContainText('无法识别：coupon。');
  });
});
