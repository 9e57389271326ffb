import { expect, test, type Page } from '@playwright/test';
import { importShopOrders } from './support/shop-orders';
import { signIn } from './support/sign-in';

// Growth → Value, segments by value and the overview's unlinked revenue, on the demo. Its
// shop is small, so an admin first imports, as the purchase CSV import takes them, orders of
// 120 customers no fan is linked to (enough for the models to fit) and one order in EUR,
// which has no rate. Then "Refit now" asks for a fit and the test waits for the worker (it
// takes waiting fits every minute), so the other tests have values to show.

const countOf = async (text: Promise<string>) => Number((await text).replace(/[^\d]/g, ''));
async function expectFit(page: Page) {
  await expect(page.getByTestId('value-fit-summary')).toBeVisible();
  await expect(page.getByTestId('fit-bg-nbd-r')).toHaveText(/^\d/);
  await expect(page.getByTestId('fit-bg-nbd-ll')).toHaveText(/^[−-]?\d/);
  await expect(
    page.getByTestId('fit-gamma-gamma-p').or(page.getByTestId('fit-gamma-gamma-none')),
  ).toBeVisible();
}

test.describe.serial('growth value', () => {
  test('a growth manager asks for a fit, waits for the worker and sees it land', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const admin = await page.context().browser()!.newPage();
    await signIn(admin, 'admin');
    await importShopOrders(admin);
    await admin.close();

    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, 'growth');
    await page.goto('/growth');
    const card = page.getByTestId('value-fit');
    await expect(card.getByTestId('value-refit')).toBeEnabled();
    const before = (await card.getByTestId('value-fit-summary').count())
      ? await card.getByTestId('value-fit-summary').innerText()
      : null;

    await card.getByTestId('value-refit').click();
    await expect(card.getByTestId('value-fit-pending')).toContainText(
      /Waiting for the worker|Fitting/,
    );
    await expect(card.getByTestId('value-refit')).toBeDisabled();
    // The request is queued once: asking again while it waits reuses it.
    const again = await page.request.post('/api/growth/value-fit', {
      headers: { origin: new URL(page.url()).origin },
    });
    expect(again.status()).toBe(200);
    expect((await again.json()).pending).not.toBeNull();

    // The worker takes it within a minute or two; the card polls until the fit lands.
    await expect(card.getByTestId('value-fit-pending')).toHaveCount(0, { timeout: 180_000 });
    await expectFit(page);
    if (before) await expect(card.getByTestId('value-fit-summary')).not.toHaveText(before);
    await expect(card.getByTestId('value-refit')).toBeEnabled();

    // CLV and revenue by stage, and the at-risk fans worth the most, by fan number.
    const byStage = page.getByTestId('panel-value-by-stage');
    await expect(byStage.locator('.recharts-bar-rectangle').first()).toBeAttached();
    const list = page.getByTestId('save-first-list').getByTestId('save-first-fan');
    await expect(list.first()).toBeVisible();
    await expect(list.first()).toContainText(/^1\s*Fan #\d+/);
    await expect(list.first().locator('a')).toHaveCount(0);
    const clvs = await page.getByTestId('save-first-clv').allInnerTexts();
    const amounts = clvs.map((c) => Number(c.replace(/[^\d.]/g, '')));
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    await expect(page.getByTestId('save-first-segment')).toHaveAttribute(
      'href',
      '/segments?stage=at_risk&sort=clv',
    );
    await page.getByTestId('growth-value').screenshot({
      path: 'test-results/screens/growth-value-en-desktop.png',
    });
    await page.getByTestId('panel-arpu').screenshot({
      path: 'test-results/screens/growth-arpu-en-desktop.png',
    });

    // The segment the list links to: at-risk fans, the highest CLV first.
    await page.getByTestId('save-first-segment').click();
    await expect(page).toHaveURL(/\/segments\?stage=at_risk&sort=clv$/);
    const first = page.getByTestId('segment-table').locator('tbody tr').first();
    await expect(first).toContainText(/At risk/);
    await expect(first.locator('td').nth(1)).toHaveText(/^\d/);

    // Refits are the growth charts': refused to an operator.
    const other = await page.context().browser()!.newPage();
    await signIn(other, 'operator');
    const refused = await other.request.post('/api/growth/value-fit', {
      headers: { origin: new URL(other.url()).origin },
    });
    expect(refused.status()).toBe(403);
    await other.close();
  });

  test('segments filter and sort by CLV, P(alive) and RFM', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, 'growth');
    await page.goto('/segments');
    await expect(page.getByTestId('segment-count')).toHaveText(/^[1-9][\d,]*$/);
    const everyone = await countOf(page.getByTestId('segment-count').innerText());

    await page.getByTestId('filter-clv-min').fill('1');
    await page.getByTestId('filter-sort').selectOption('clv');
    await page.getByTestId('filter-apply').click();
    await expect(page).toHaveURL(/clvMin=1&sort=clv/);
    await expect(async () => {
      const valued = await countOf(page.getByTestId('segment-count').innerText());
      expect(valued).toBeGreaterThan(0);
      expect(valued).toBeLessThan(everyone);
    }).toPass();
    const rows = page.getByTestId('segment-table').locator('tbody tr');
    const clvOf = async (i: number) =>
      Number((await rows.nth(i).locator('td').nth(1).innerText()).replace(/[^\d.]/g, ''));
    await expect(rows.first().locator('td').nth(1)).toHaveText(/^\d/);
    if ((await rows.count()) > 1) expect(await clvOf(0)).toBeGreaterThanOrEqual(await clvOf(1));
    await expect(rows.first().locator('td').nth(3)).toHaveText(/^[1-5]-[1-5]-[1-5]$/);
    await page.screenshot({ path: 'test-results/screens/segments-value-en.png', fullPage: true });

    // A score range: every fan listed has R 4 or 5.
    await page.goto('/segments?rMin=4&sort=r_score&dir=asc');
    await expect(rows.first()).toBeVisible();
    for (const rfm of await page
      .getByTestId('segment-table')
      .locator('tbody tr td:nth-of-type(4)')
      .allInnerTexts())
      expect(rfm).toMatch(/^[45]-/);
    // Out of range: refused with the field named.
    await page.goto('/segments?rMin=7');
    await expect(page.getByTestId('segment-filters-invalid')).toContainText('rMin');
  });

  test('an admin in Chinese: names linking to fan pages, the rates warning, unlinked revenue', async ({
    browser,
  }) => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    try {
      await page.setViewportSize({ width: 1280, height: 900 });
      await signIn(page, 'admin');
      await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
      // The overview: revenue of customers no fan is linked to, and its share.
      const unlinked = page.getByTestId('unlinked-revenue');
      await expect(unlinked).toContainText('尚未关联粉丝的收入');
      await expect(unlinked.getByTestId('unlinked-revenue-share')).toHaveText(/%$/);
      expect(
        await countOf(unlinked.getByTestId('unlinked-revenue-customers').innerText()),
      ).toBeGreaterThan(0);
      await expect(unlinked.getByTestId('unlinked-revenue-unconverted')).toContainText('EUR');
      await unlinked.scrollIntoViewIfNeeded();
      await page.screenshot({ path: 'test-results/screens/overview-unlinked-zh.png' });

      await page.goto('/growth');
      await expectFit(page);
      await expect(page.getByTestId('value-fit')).toContainText('价值模型的最新拟合');
      // ARPU in the base currency, with the purchases it leaves out for want of a rate.
      await expect(page.getByTestId('arpu-currency')).toContainText('基准货币');
      const warning = page.getByTestId('arpu-unconverted');
      await expect(warning).toContainText('EUR');
      await expect(warning).toContainText('没有当日汇率');
      await expect(warning.getByRole('link')).toHaveAttribute('href', '/settings#currencies');
      const first = page.getByTestId('save-first-list').getByTestId('save-first-fan').first();
      const link = first.getByRole('link');
      await expect(link).toHaveAttribute('href', /^\/fans\/\d+$/);
      await page.getByTestId('growth-value').screenshot({
        path: 'test-results/screens/growth-value-zh-admin.png',
      });
      const href = (await link.getAttribute('href'))!;
      await link.click();
      await expect(page).toHaveURL(new RegExp(`${href}$`));

      // On a phone.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto('/growth');
      await expect(page.getByTestId('save-first-list')).toBeVisible();
      await page.getByTestId('growth-value').screenshot({
        path: 'test-results/screens/growth-value-zh-phone.png',
      });
      await page.goto('/segments?clvMin=1&sort=clv');
      await expect(page.getByTestId('segment-table').locator('tbody tr').first()).toBeVisible();
      await page.screenshot({
        path: 'test-results/screens/segments-value-zh-phone.png',
        fullPage: true,
      });
    } finally {
      await context.close();
    }
  });
});
