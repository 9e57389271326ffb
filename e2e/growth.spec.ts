import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support/sign-in';

const charts = ['cohorts', 'funnel', 'stage-outcomes', 'arpu', 'posts'] as const;
const svgMarks = '.recharts-bar-rectangle, .recharts-line-curve, .recharts-area-area';

async function expectChartDrawn(page: Page, chart: string) {
  const body = page.getByTestId(`${chart}-chart`);
  await expect(body).toBeVisible();
  if (chart === 'cohorts') await expect(body.locator('td[title]').first()).toContainText('%');
  else {
    await expect(body.locator('svg.recharts-surface').first()).toBeVisible();
    // A series of zeros is a flat path, attached but of no height.
    await expect(body.locator(svgMarks).first()).toBeAttached();
  }
}

test.describe('growth charts', () => {
  test('the overview at desktop width: stages now, over time, latest moves', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, 'growth');
    await expect(
      page.getByTestId('stage-counts-chart').locator('.recharts-area-area').first(),
    ).toBeVisible();
    await page
      .getByTestId('stage-counts-view-toggle')
      .getByRole('button', { name: 'Table' })
      .click();
    await expect(page.getByTestId('stage-counts-table').locator('tbody tr').first()).toBeVisible();
    await page
      .getByTestId('stage-counts-view-toggle')
      .getByRole('button', { name: 'Chart' })
      .click();
    await page.screenshot({ path: 'test-results/screens/overview-en-desktop.png', fullPage: true });

    // The latest stage changes are the API's list, of the same length (one limit).
    const csv = (await page.getByTestId('stage-moves-csv').getAttribute('href'))!;
    const api = await page.request.get(csv.replace('&format=csv', ''));
    const { data } = (await api.json()) as { data: { fanName: string }[] };
    expect(data.length).toBe(20);
    await expect(page.getByTestId('stage-moves').locator('li')).toHaveCount(data.length);
    // A growth manager has no fan lookup: fans by number only, on the page and in the API.
    for (const move of data) expect(move.fanName).toMatch(/^#\d+$/);
    await expect(page.getByTestId('stage-moves').locator('li').first()).toContainText(/#\d+/);
  });

  test('a growth manager sees every chart with data, its table and its CSV', async ({ page }) => {
    await signIn(page, 'growth');
    await page.getByTestId('site-nav').getByRole('link', { name: 'Growth' }).click();
    await expect(page).toHaveURL(/\/growth$/);
    for (const chart of charts) await expectChartDrawn(page, chart);
    await page.screenshot({ path: 'test-results/screens/growth-en-desktop.png', fullPage: true });

    // The funnel's table: joined is the whole, every later step at most that.
    await page.getByTestId('funnel-view-toggle').getByRole('button', { name: 'Table' }).click();
    const cells = page.getByTestId('funnel-table').locator('tbody tr');
    await expect(cells).toHaveCount(4);
    await expect(cells.first()).toContainText('100');

    // The CSV holds the same numbers as the JSON the chart drew.
    const csvLink = page.getByTestId('funnel-csv');
    const csv = await page.request.get((await csvLink.getAttribute('href'))!);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const json = await page.request.get(
      (await csvLink.getAttribute('href'))!.replace('&format=csv', ''),
    );
    const { data } = (await json.json()) as { data: { joined: number; active: number } };
    expect(await csv.text()).toContain(`joined,${data.joined},1`);
    expect(data.joined).toBeGreaterThan(0);
  });

  test('a post opens its views over its first days, in English and in Chinese', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, 'growth');
    await page.goto('/growth');
    await expectChartDrawn(page, 'posts');
    await page.getByTestId('posts-view-toggle').getByRole('button', { name: 'Table' }).click();
    const first = page.getByTestId('posts-table').locator('[data-testid^="post-open-"]').first();
    await first.click();
    const dialog = page.getByTestId('post-views-dialog');
    await expect(dialog.getByRole('heading')).toHaveText('Views over the first 7 days');
    await expect(
      dialog.getByTestId('post-views-chart').locator('.recharts-line-curve'),
    ).toBeVisible();
    // A row per reading the API gives (the last of each hour).
    const rows = dialog.getByTestId('post-views-table').locator('tbody tr');
    await expect(rows.first()).toBeVisible();
    const postId = (await first.getAttribute('data-testid'))!.replace('post-open-', '');
    const api = await page.request.get(`/api/posts/${postId}/views`);
    const views = (await api.json()) as { readings: unknown[] };
    await expect(rows).toHaveCount(views.readings.length);
    await page.screenshot({ path: 'test-results/screens/post-views-en-desktop.png' });
    await dialog.getByTestId('post-views-close').click();
    await expect(dialog).toHaveCount(0);

    // In Chinese on a phone, from a bar of the chart.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('locale-switcher').selectOption('zh-CN');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await page.goto('/growth');
    await expectChartDrawn(page, 'posts');
    // Where a person taps: the newest post's bar (the line across it may be on top).
    const newest = page.getByTestId('posts-chart').locator('.recharts-bar-rectangle').last();
    await newest.scrollIntoViewIfNeeded();
    const bar = await newest.boundingBox();
    const [x, y] = [bar!.x + bar!.width / 2, bar!.y + bar!.height / 2];
    await page.mouse.move(x, y);
    await expect(
      page.getByTestId('posts-chart').locator('.recharts-tooltip-wrapper'),
    ).toBeVisible();
    await page.mouse.click(x, y);
    await expect(dialog.getByRole('heading')).toHaveText('发布后 7 天内的浏览量');
    await expect(dialog.getByTestId('post-views-table').locator('tbody tr').first()).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/post-views-zh-phone.png' });
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);

    // Post views are the growth charts': refused to roles without them.
    const other = await page.context().browser()!.newPage();
    await signIn(other, 'operator');
    expect((await other.request.get(`/api/posts/${postId}/views`)).status()).toBe(403);
    await other.close();
  });

  test('the filters live in the URL, so a link shows the same view', async ({ page }) => {
    await signIn(page, 'growth');
    await page.goto('/growth');
    await page
      .getByTestId('filter-community')
      .selectOption({ label: 'Aurora Coffee Chat 极光咖啡交流群' });
    await expect(page).toHaveURL(/community=[1-9]\d*/);
    await page.getByTestId('preset-26w').click();
    const from = new Date(Date.now() - 181 * 86_400_000).toISOString().slice(0, 10);
    await expect(page).toHaveURL(new RegExp(`community=[1-9]\\d*&from=${from}`));
    const shared = page.url();
    await expectChartDrawn(page, 'funnel');

    const other = await page.context().newPage();
    await other.goto(shared);
    await expect(other.getByTestId('filter-community')).toHaveValue(/^[1-9]\d*$/);
    await expect(other.getByTestId('preset-26w')).toHaveAttribute('aria-pressed', 'true');
    await expectChartDrawn(other, 'cohorts');

    await page.goto('/growth?from=2026-13-01');
    await expect(page.getByTestId('filters-invalid')).toContainText('from');
  });

  test('the growth APIs refuse anonymous callers and roles without charts', async ({ page }) => {
    const anonymous = await page.request.get('/api/growth/funnel?from=2026-01-01&to=2026-02-01');
    expect(anonymous.status()).toBe(401);
    await signIn(page, 'operator');
    const operator = await page.request.get('/api/growth/funnel?from=2026-01-01&to=2026-02-01');
    expect(operator.status()).toBe(403);
    await expect(page.getByTestId('site-nav').getByRole('link', { name: 'Growth' })).toHaveCount(0);
    await page.goto('/growth');
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Funnel and retention');
  });

  test('the overview shows stages now, over time and the latest moves, in Chinese on a phone', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, 'growth');
    await page.getByTestId('locale-switcher').selectOption('zh-CN');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await page.goto('/');
    await expect(page.getByTestId('stage-card-active')).toContainText('活跃');
    const total = await page.locator('[data-testid^="stage-now-"]').allInnerTexts();
    expect(total.map((t) => Number(t.replace(/,/g, ''))).reduce((a, b) => a + b)).toBeGreaterThan(
      0,
    );
    await expect(
      page.getByTestId('stage-counts-chart').locator('.recharts-area-area').first(),
    ).toBeVisible();
    await expect(page.getByTestId('stage-moves').locator('li').first()).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/overview-zh-phone.png', fullPage: true });
    await page.goto('/growth');
    await expectChartDrawn(page, 'funnel');
    await page.screenshot({ path: 'test-results/screens/growth-zh-phone.png', fullPage: true });
  });
});
