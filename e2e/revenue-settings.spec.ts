import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { importShopOrders } from './support/shop-orders';
import { signIn } from './support/sign-in';

// Money in several currencies and shop customers on the fan page (DESIGN §5b): an admin
// gives a currency without rates its rates (by the form, and by a file with a bad line),
// and support links a shop customer to a fan and unlinks it. The spec's own orders arrive
// through the purchase CSV import, in a currency the demo does not use (SGD) and under
// customer ids of its own, so the demo's shop data does not matter here.

const screens = 'test-results/screens';
const header = 'order_id,customer_id,telegram_user_id,amount,currency,occurred_at,status';
const LINKED = 'e2e-rev-link-1';

interface CurrencyState {
  base: string | null;
}

/** Imports purchase CSV rows as the signed-in admin of `request` (the Import page's route). */
async function importOrders(request: APIRequestContext, rows: string[]) {
  const response = await request.post('/api/import', {
    headers: { 'content-type': 'text/csv', 'x-file-name': 'e2e-revenue.csv' },
    data: [header, ...rows].join('\n'),
  });
  expect(response.status(), await response.text()).toBe(200);
}

async function baseCurrency(request: APIRequestContext): Promise<string> {
  const response = await request.get('/api/settings/currencies');
  expect(response.status()).toBe(200);
  const { base } = (await response.json()) as CurrencyState;
  expect(base).not.toBeNull();
  return base!;
}

const missing = (page: Page, currency: string) => page.getByTestId(`currency-missing-${currency}`);

/** The UTC day `n` days before today, as YYYY-MM-DD and as the page shows it. */
const daysAgo = (n: number) => {
  const day = new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
  const shown = (locale: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${day}T00:00:00Z`),
    );
  return { day, en: shown('en'), zh: shown('zh-CN') };
};

test.describe('revenue settings and shop customers', () => {
  test('an admin adds rates for a currency lacking them: by the form, and by a file', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, 'admin');
    // The newest days, so their rates are at the top of the latest rates.
    const [d1, d2, d3] = [daysAgo(3), daysAgo(2), daysAgo(1)];
    await importOrders(page.request, [
      `E2E-SGD-1,e2e-rev-sgd,,10.00,SGD,${d1.day}T12:00:00Z,paid`,
      `E2E-SGD-2,e2e-rev-sgd,,20.00,SGD,${d2.day}T12:00:00Z,paid`,
      `E2E-SGD-3,e2e-rev-sgd,,30.00,SGD,${d3.day}T12:00:00Z,paid`,
    ]);
    const base = await baseCurrency(page.request);

    await page.goto('/settings#currencies');
    const panel = page.getByTestId('settings-currencies');
    await expect(panel.getByTestId('base-currency')).toHaveText(base);
    await expect(missing(page, 'SGD')).toHaveText(
      `3 SGD purchases from ${d1.en} to ${d3.en} have no rate: left out of converted figures.`,
    );
    await expect(panel.getByTestId('currency-row-SGD')).toBeVisible();

    // The form: every field refused is named, in the page's language.
    await panel.getByTestId('rate-currency').fill('SG');
    await panel.getByTestId('rate-from').fill(d1.day);
    await panel.getByTestId('rate-to').fill(daysAgo(10).day);
    await panel.getByTestId('rate-rate').fill('0');
    await panel.getByTestId('rate-submit').click();
    await expect(panel.getByTestId('rate-currency-error')).toHaveText(
      'Enter a 3-letter currency code, such as USD.',
    );
    await expect(panel.getByTestId('rate-to-error')).toHaveText(
      'Must be on or after From, and within a year of it.',
    );
    await expect(panel.getByTestId('rate-rate-error')).toHaveText('Must be above 0.');
    await expect(panel.getByTestId('rate-from-error')).toHaveCount(0);
    await panel
      .getByTestId('rate-form')
      .screenshot({ path: `${screens}/currencies-rate-errors-en.png` });

    // One day's rate: that day's purchase is converted, the warning shrinks.
    await panel.getByTestId('rate-currency').fill('sgd');
    await panel.getByTestId('rate-to').fill('');
    await panel.getByTestId('rate-rate').fill('5.3');
    await panel.getByTestId('rate-submit').click();
    await expect(panel.getByTestId('currencies-saved')).toHaveText(
      '1 SGD rate saved; 1 purchase converted.',
    );
    await expect(missing(page, 'SGD')).toHaveText(
      `2 SGD purchases from ${d2.en} to ${d3.en} have no rate: left out of converted figures.`,
    );
    const sgdRate = panel.getByRole('row').filter({ hasText: d1.en }).filter({ hasText: 'SGD' });
    await expect(sgdRate.getByTestId('rate-value')).toHaveText(`1 SGD = 5.3 ${base}`);

    // A file with a bad line: nothing saved, the line named with what is wrong.
    await panel.getByTestId('rates-file').setInputFiles({
      name: 'rates.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`currency,day,rate\nSGD,${d2.day},5.31\nSGD,2026-02-30,x\n`),
    });
    await panel.getByTestId('rates-submit').click();
    const refused = panel.getByTestId('rates-upload-error');
    await expect(refused).toContainText('2 problems in rates.csv; nothing was saved:');
    await expect(refused.getByTestId('rates-upload-problem')).toHaveText([
      'Line 3 · day: Enter a day as YYYY-MM-DD.',
      'Line 3 · rate: Enter a number, such as 7.12.',
    ]);
    await expect(missing(page, 'SGD')).toContainText('2 SGD purchases');
    await panel.screenshot({ path: `${screens}/currencies-en-desktop.png` });

    // In Chinese, the same file: the same line, in Chinese.
    await page.context().addCookies([{ name: 'locale', value: 'zh-CN', url: page.url() }]);
    await page.reload();
    await expect(missing(page, 'SGD')).toHaveText(
      `${d2.zh}至${d3.zh}有 2 笔 SGD 购买没有汇率：未计入换算后的金额。`,
    );
    await panel.getByTestId('rates-file').setInputFiles({
      name: 'rates.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`currency,day,rate\nSGD,${d2.day},5.31\nSGD,2026-02-30,x\n`),
    });
    await panel.getByTestId('rates-submit').click();
    await expect(panel.getByTestId('rates-upload-error')).toContainText(
      'rates.csv 中有 2 处问题，未保存任何内容：',
    );
    await expect(panel.getByTestId('rates-upload-problem').first()).toHaveText(
      '第 3 行 · day：请按 YYYY-MM-DD 格式输入日期。',
    );
    await panel.screenshot({ path: `${screens}/currencies-zh-desktop.png` });

    // The file corrected: every SGD purchase converted, the warning gone.
    await panel.getByTestId('rates-file').setInputFiles({
      name: 'rates.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`currency,day,rate\nSGD,${d2.day},5.31\nSGD,${d3.day},5.32\n`),
    });
    await panel.getByTestId('rates-submit').click();
    await expect(panel.getByTestId('currencies-saved')).toHaveText(
      'rates.csv：已保存 2 个汇率；已换算 2 笔购买。',
    );
    await expect(missing(page, 'SGD')).toHaveCount(0);

    // A rate deleted: its day's purchase is left out again.
    const last = panel.getByRole('row').filter({ hasText: d3.zh }).filter({ hasText: 'SGD' });
    await last.getByTestId('rate-delete').click();
    await last.getByTestId('rate-delete-confirm').click();
    await expect(missing(page, 'SGD')).toHaveText(
      `${d3.zh}有 1 笔 SGD 购买没有汇率：未计入换算后的金额。`,
    );

    // Changing the base: a confirmation first, saying what it does; cancelled here.
    await panel.getByTestId('base-change-open').click();
    await panel.getByTestId('base-change-currency').fill('sgd');
    await panel.getByTestId('base-change-submit').click();
    await expect(panel.getByTestId('base-change-confirm')).toContainText('将 SGD 设为基准货币？');
    await expect(panel.getByTestId('base-change-confirm')).toContainText(
      '所有粉丝的历史都会重新计算',
    );
    await panel.screenshot({ path: `${screens}/currencies-base-change-zh-desktop.png` });
    await panel.getByRole('button', { name: '取消' }).click();
    await expect(panel.getByTestId('base-currency')).toHaveText(base);
  });

  test('support links a shop customer to a fan by its id, sees its orders, and unlinks it', async ({
    browser,
    page,
  }) => {
    test.setTimeout(240_000);
    await signIn(page, 'admin');
    const base = await baseCurrency(page.request);
    // Enough customers for the value models to fit (the demo's shop alone is small).
    await importShopOrders(page);
    // Two orders of a customer the shop never gave a Telegram id (linked to no fan), newer
    // than the demo's history, so they top the fan's timeline once linked.
    const secondsAgo = (n: number) => new Date(Date.now() - n * 1000).toISOString();
    await importOrders(page.request, [
      `E2E-LINK-A,${LINKED},,120.00,${base},${secondsAgo(20)},paid`,
      `E2E-LINK-B,${LINKED},,3.45,${base},${secondsAgo(10)},paid`,
    ]);

    const support = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const en = await support.newPage();
    await signIn(en, 'support');
    const found = await en.request.get('/api/fans?q=%40fan');
    const [fan] = ((await found.json()) as { results: { id: number }[] }).results;
    expect(fan).toBeDefined();
    await en.goto(`/fans/${fan!.id}`);
    const card = en.getByTestId('fan-customers-card');
    await expect(card).toContainText('Shop customers');
    await expect(en.getByTestId('fan-external-ids')).toHaveCount(0);
    const row = card.locator(`[data-customer="${LINKED}"]`);
    await expect(row).toHaveCount(0);

    // An id no order names: said so, nothing linked.
    await card.getByTestId('fan-customer-link-input').fill('e2e-nobody');
    await card.getByTestId('fan-customer-link-submit').click();
    await expect(card.getByTestId('fan-customer-link-error')).toHaveText(
      'No order names customer e2e-nobody: check the id in the shop.',
    );

    await card.getByTestId('fan-customer-link-input').fill(LINKED);
    await card.getByTestId('fan-customer-link-submit').click();
    await expect(card.getByTestId('fan-customers-notice')).toContainText(
      `Linked ${LINKED}: 2 purchases are now this fan’s.`,
    );
    await expect(row.getByTestId('fan-customer-linked-by')).toContainText('Linked by support');
    await expect(row.getByTestId('fan-customer-orders')).toHaveText('2');
    await expect(row.getByTestId('fan-customer-revenue')).toContainText('123.45');
    // Its purchases are on the fan's timeline now.
    const timeline = en.getByTestId('fan-timeline');
    await expect(timeline).toContainText('order E2E-LINK-B');
    await en.screenshot({ path: `${screens}/fan-customers-en-desktop.png`, fullPage: true });
    await card.screenshot({ path: `${screens}/fan-customers-card-en.png` });

    // A fit of the value models, asked for as a growth manager would and made by the
    // worker, scores the customer: each value with its explanation.
    const origin = new URL(page.url()).origin;
    const asked = await page.request.post('/api/growth/value-fit', { headers: { origin } });
    expect(asked.status()).toBe(200);
    const requested = ((await asked.json()) as { requestId: number }).requestId;
    await expect
      .poll(
        async () => {
          const state = (await (await page.request.get('/api/growth/value-fit')).json()) as {
            pending: unknown;
            lastError: string | null;
          };
          return state.pending === null ? (state.lastError ?? 'done') : 'waiting';
        },
        { timeout: 180_000, intervals: [2_000] },
      )
      .toBe('done');
    expect(requested).toBeGreaterThan(0);
    await en.reload();
    await expect(row.getByTestId('fan-customer-p-alive')).toHaveText(
      /^P\(alive\) [01]\.\d\d: the chance this customer still buys, from how often and how recently they bought \(BG\/NBD\)$/,
    );
    await expect(row.getByTestId('fan-customer-rfm')).toHaveText(
      /^RFM [1-5]\/[1-5]\/[1-5]: recency, frequency, monetary scores 1–5 among all customers \(5 best\)$/,
    );
    await card.screenshot({ path: `${screens}/fan-customers-value-en.png` });

    // In Chinese on a phone, read from the server.
    const zhContext = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      deviceScaleFactor: 2,
    });
    const zh = await zhContext.newPage();
    await signIn(zh, 'support');
    await zh.goto(`/fans/${fan!.id}`);
    const zhCard = zh.getByTestId('fan-customers-card');
    const zhRow = zhCard.locator(`[data-customer="${LINKED}"]`);
    await expect(zhCard).toContainText('商店客户');
    await expect(zhRow.getByTestId('fan-customer-linked-by')).toContainText('由客服关联');
    await expect(zhRow.getByTestId('fan-customer-p-alive')).toBeVisible();
    await zhCard.screenshot({ path: `${screens}/fan-customers-card-zh-phone.png` });

    // Unlinked after a confirmation: gone from the fan, and from its timeline.
    await zhRow.getByTestId('fan-customer-unlink').click();
    await expect(zhRow.getByTestId('fan-customer-unlink-confirm')).toContainText(
      `取消关联客户 ${LINKED}？其 2 个订单将不再计入该粉丝，该粉丝的历史会重新计算。`,
    );
    await zhCard.screenshot({ path: `${screens}/fan-customers-unlink-zh-phone.png` });
    await zhRow.getByTestId('fan-customer-unlink-submit').click();
    await expect(zhCard.getByTestId('fan-customers-notice')).toContainText(
      `已取消关联 ${LINKED}：2 笔购买不再计入该粉丝。`,
    );
    await expect(zhRow).toHaveCount(0);
    await expect(zh.getByTestId('fan-timeline')).not.toContainText('E2E-LINK-B');

    // Linked again in Chinese: the customer's scores from the fit, each explained.
    await zhCard.getByTestId('fan-customer-link-input').fill(LINKED);
    await zhCard.getByTestId('fan-customer-link-submit').click();
    await expect(zhRow.getByTestId('fan-customer-p-alive')).toHaveText(
      /^存活概率 P\(alive\) [01]\.\d\d：该客户仍会继续购买的概率，依据其购买的频率和最近一次购买的时间估算（BG\/NBD 模型）$/,
    );
    await zhCard.screenshot({ path: `${screens}/fan-customers-value-zh-phone.png` });
    await zhContext.close();

    // Read again in English from the server; unlinked.
    await en.reload();
    await expect(row.getByTestId('fan-customer-p-alive')).toBeVisible();
    await row.getByTestId('fan-customer-unlink').click();
    await row.getByTestId('fan-customer-unlink-submit').click();
    await expect(row).toHaveCount(0);
    await expect(timeline).not.toContainText('E2E-LINK-B');
    await support.close();
  });
});
