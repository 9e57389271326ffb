import { expect, test } from '@playwright/test';
import { signIn } from './support/sign-in';

const countOf = async (text: Promise<string>) => Number((await text).replace(/[^\d]/g, ''));

test.describe('segment browser', () => {
  test('a growth manager filters fans, pages through them, saves the segment and exports it', async ({
    page,
  }) => {
    await signIn(page, 'growth');
    await page.getByTestId('site-nav').getByRole('link', { name: 'Segments' }).click();
    await expect(page).toHaveURL(/\/segments$/);
    await expect(page.getByTestId('segment-count')).toHaveText(/^[1-9][\d,]*$/);
    const everyone = await countOf(page.getByTestId('segment-count').innerText());
    await expect(page.getByTestId('segment-table').locator('tbody tr')).toHaveCount(
      Math.min(50, everyone),
    );

    await page.getByTestId('filter-stage-churned').check();
    await page.getByTestId('filter-sort').selectOption('last_seen');
    await page.getByTestId('filter-apply').click();
    await expect(page).toHaveURL(/stage=churned&sort=last_seen/);
    await expect(async () => {
      const churned = await countOf(page.getByTestId('segment-count').innerText());
      expect(churned).toBeGreaterThan(0);
      expect(churned).toBeLessThan(everyone);
    }).toPass();
    const churned = await countOf(page.getByTestId('segment-count').innerText());
    const rows = page.getByTestId('segment-table').locator('tbody tr');
    await expect(rows.first()).toContainText(/Churned/);
    // A growth manager has no fan lookup: fans by number, no names.
    await expect(page.getByTestId('segment-names-hidden')).toBeVisible();
    await expect(rows.first().locator('th')).toHaveText(/^Fan #\d+$/);
    if (churned > 50) {
      const nameOf = (row: typeof rows) => row.locator('th');
      const firstOnPageOne = await nameOf(rows.first()).innerText();
      await page.getByTestId('segment-next').click();
      await expect(page.getByText('Page 2')).toBeVisible();
      await expect(nameOf(rows.first())).not.toHaveText(firstOnPageOne);
      await page.getByTestId('segment-prev').click();
      await expect(nameOf(rows.first())).toHaveText(firstOnPageOne);
    }
    await page.screenshot({ path: 'test-results/screens/segments-en-desktop.png', fullPage: true });

    await page.getByTestId('segment-name').fill('Churned, quietest first');
    await page.getByTestId('segment-save').click();
    const saved = page
      .getByTestId('saved-segments')
      .getByRole('link', { name: 'Churned, quietest first' });
    await expect(saved).toBeVisible();
    await page.goto('/segments');
    await page
      .getByTestId('saved-segments')
      .getByRole('link', { name: 'Churned, quietest first' })
      .click();
    await expect(page).toHaveURL(/stage=churned&sort=last_seen/);

    const csv = await page.request.get(
      (await page.getByTestId('segment-export').getAttribute('href'))!,
    );
    expect(csv.headers()['content-type']).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe(
      'fan_id,stage,joined_at,last_engaged_at,spend,window_engagements,active_days,tags,clv_12m,p_alive,r_score,f_score,m_score',
    );
    // The lifecycle job may move a fan between the count and the export (silence crossing a
    // threshold as the minutes pass), so allow a couple either way.
    expect(Math.abs(lines.length - 1 - churned)).toBeLessThanOrEqual(2);
  });

  test('bad filters get a clear error; roles without segments are refused', async ({ page }) => {
    await signIn(page, 'operator');
    await page.goto('/segments?stage=lurker');
    await expect(page.getByTestId('segment-filters-invalid')).toContainText('stage');
    const unknownTag = await page.request.get('/api/segments/count?tag=nobody-has-this');
    expect(unknownTag.status()).toBe(400);
    expect((await unknownTag.json()).error.fields).toEqual([
      expect.objectContaining({
        path: 'query.tag',
        code: 'unknown_tag',
        values: ['nobody-has-this'],
      }),
    ]);
    // Opened from a link, the same refusal in the reader's words.
    await page.goto('/segments?tag=nobody-has-this');
    await expect(page.getByTestId('segment-error')).toHaveText(
      'There is no tag named nobody-has-this.',
    );
    await page.context().clearCookies();
    expect((await page.request.get('/api/segments/count')).status()).toBe(401);
    await signIn(page, 'support');
    expect((await page.request.get('/api/segments/fans')).status()).toBe(403);
  });

  test('an admin sees names; a growth manager in Chinese sees fans by number', async ({
    browser,
    page,
  }) => {
    await signIn(page, 'admin');
    await page.goto('/segments');
    await expect(page.getByTestId('segment-table').locator('tbody tr').first()).toBeVisible();
    await expect(page.getByTestId('segment-names-hidden')).toHaveCount(0);
    await expect(page.getByTestId('segment-table').locator('tbody th').first()).not.toHaveText(
      /^Fan #\d+$/,
    );
    const csv = await page.request.get('/api/segments/export?stage=core');
    expect((await csv.text()).split('\n')[0]).toContain('telegram_user_id,fan_id,name,username');

    const context = await browser.newContext({ locale: 'zh-CN' });
    const zh = await context.newPage();
    try {
      await zh.setViewportSize({ width: 1280, height: 900 });
      await signIn(zh, 'growth');
      await zh.goto('/segments');
      await expect(zh.locator('html')).toHaveAttribute('lang', 'zh-CN');
      await expect(zh.getByTestId('segment-names-hidden')).toContainText('粉丝查询');
      await expect(zh.getByTestId('segment-table').locator('tbody th').first()).toHaveText(
        /^粉丝 #\d+$/,
      );
      await zh.screenshot({ path: 'test-results/screens/segments-zh-growth.png', fullPage: true });
    } finally {
      await context.close();
    }
  });
});
