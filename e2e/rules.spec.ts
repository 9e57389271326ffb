import { expect, test, type Page } from '@playwright/test';
import { ruleParamNames } from '../lib/lifecycle/rule-params';
import { signIn } from './support/sign-in';

// The Rules page as people use it, on the e2e server's demo (400 fans with their stage
// history, rules v1 = the defaults). The tests share one database, so versions are read
// from the page rather than assumed, and every test leaves the defaults published.

const screens = 'test-results/screens';

async function versionOf(page: Page, testId: string): Promise<number> {
  const text = await page.getByTestId(testId).textContent();
  return Number(text!.trim().replace(/^v/, ''));
}

/** Every published value, by parameter name, as the page shows them. */
async function publishedParams(page: Page): Promise<Record<string, string | null>> {
  const entries = await Promise.all(
    ruleParamNames.map(
      async (name) =>
        [name, await page.getByTestId(`published-${name}`).getAttribute('data-value')] as const,
    ),
  );
  return Object.fromEntries(entries);
}

async function openRulesFromNav(page: Page) {
  await page.getByTestId('site-nav').getByRole('link', { name: 'Rules' }).click();
  await expect(page).toHaveURL(/\/rules$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Lifecycle rules' })).toBeVisible();
}

/** The open draft's version: the one on the page, or a new one started from the button. */
async function openDraft(page: Page): Promise<number> {
  if (await page.getByTestId('draft-start').isVisible())
    await page.getByTestId('draft-start').click();
  await expect(page.getByTestId('draft-editor')).toBeVisible();
  return versionOf(page, 'draft-version');
}

test.describe('rules', () => {
  test('an operator lowers the at-risk silence, previews who moves, publishes, then rolls back', async ({
    page,
    browser,
  }) => {
    await signIn(page, 'operator');
    await openRulesFromNav(page);
    const original = await versionOf(page, 'published-version');
    const originalParams = await publishedParams(page);
    await expect(page.getByTestId('published-at_risk_silence_days')).toHaveText('15 days');
    await expect(page.getByTestId('published-meta')).toContainText('Published by');

    const draft = await openDraft(page);
    expect(draft).toBeGreaterThan(original);
    const field = page.getByTestId('draft-field-at_risk_silence_days');
    await expect(field).toHaveValue('15');
    await field.fill('10');
    await expect(page.getByTestId('draft-dirty')).toBeVisible();
    await expect(page.getByTestId('preview-outdated')).toBeVisible();
    await expect(page.getByTestId('publish-submit')).toBeDisabled();
    await page.getByTestId('draft-save').click();
    await expect(page.getByTestId('draft-saved')).toHaveText(`Draft v${draft} saved.`);
    await expect(page.getByTestId('preview-outdated')).toHaveCount(0);

    // The preview of the saved draft: fans now active whose silence is 10 to 14 days would
    // become at risk; nobody moves the other way.
    const activeToAtRisk = page.getByTestId('preview-cell-active-at_risk');
    await expect
      .poll(async () => Number(await activeToAtRisk.getAttribute('data-count')))
      .toBeGreaterThan(0);
    const moving = Number(await activeToAtRisk.getAttribute('data-count'));
    await expect(page.getByTestId('preview-cell-at_risk-active')).toHaveAttribute(
      'data-count',
      '0',
    );
    await expect(page.getByTestId('preview-moving')).toContainText('would change stage');
    await activeToAtRisk.click();
    const samples = page.getByTestId('preview-samples');
    await expect(samples).toContainText(`Active → At risk`);
    await expect(samples.getByTestId('preview-sample')).toHaveCount(Math.min(moving, 8));
    // An operator has no fan lookup: the sample fans are ids, never names or Telegram ids.
    await expect(samples.getByTestId('preview-sample').first()).toHaveText(/^Fan #\d+$/);
    await expect(samples).not.toContainText('Telegram id');
    await expect(page.getByTestId('preview-people-hidden')).toBeVisible();
    // An admin looking at the same draft sees who they are.
    const admin = await (await browser.newContext()).newPage();
    await signIn(admin, 'admin');
    await admin.goto('/rules');
    await admin.getByTestId('preview-cell-active-at_risk').click();
    await expect(
      admin.getByTestId('preview-samples').getByTestId('preview-sample').first(),
    ).toContainText(/Telegram id \d+/);
    await expect(admin.getByTestId('preview-people-hidden')).toHaveCount(0);
    await admin.context().close();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${screens}/rules-preview-desktop.png`, fullPage: true });

    await page.getByTestId('publish-note').fill('Win back quiet fans sooner');
    await page.getByTestId('publish-submit').click();
    await expect(page.getByTestId('rules-notice')).toContainText(`Version ${draft} is published`);
    await expect(page.getByTestId('published-version')).toHaveText(`v${draft}`);
    await expect(page.getByTestId('published-at_risk_silence_days')).toHaveText('10 days');
    await expect(page.getByTestId('published-note')).toContainText('Win back quiet fans sooner');
    await expect(page.getByTestId('published-meta')).toContainText('Published by Otto Operator');
    await expect(page.getByTestId(`history-${draft}-state`)).toHaveText('Published');
    await expect(page.getByTestId(`history-${draft}-changes`)).toHaveText(
      'At-risk silence: 15 days → 10 days',
    );
    await expect(page.getByTestId(`history-${original}-state`)).toHaveText('Earlier');
    await expect(page.getByTestId('draft-start')).toBeVisible();

    // Roll back to the original version: a new version with its rules is published.
    await page.getByTestId(`rollback-${original}`).click();
    const note = page.getByTestId('rollback-note');
    await expect(note).toHaveValue(`Roll back to v${original}`);
    await note.fill('Too many fans flagged at risk');
    await page.getByTestId('rollback-confirm').click();
    const rolledBack = draft + 1;
    await expect(page.getByTestId('rules-notice')).toContainText(
      `v${rolledBack} is published with the rules of v${original}`,
    );
    await expect(page.getByTestId('published-version')).toHaveText(`v${rolledBack}`);
    expect(await publishedParams(page)).toEqual(originalParams);
    await expect(page.getByTestId(`history-${rolledBack}-state`)).toHaveText('Published');
    await expect(page.getByTestId(`history-${rolledBack}-same`)).toHaveText(
      `Same rules as v${original}`,
    );
    await expect(page.getByTestId(`history-${rolledBack}-changes`)).toHaveText(
      'At-risk silence: 10 days → 15 days',
    );
    await expect(page.getByTestId(`history-${draft}-state`)).toHaveText('Earlier');
    await page
      .getByTestId('rules-history')
      .screenshot({ path: `${screens}/rules-history-desktop.png` });
  });

  test('invalid values get an error beside the field and change nothing; a draft published meanwhile is refused', async ({
    page,
  }) => {
    await signIn(page, 'operator');
    await openRulesFromNav(page);
    const published = await versionOf(page, 'published-version');
    const draft = await openDraft(page);

    await page.getByTestId('draft-field-churn_extra_silence_days').fill('0');
    await page.getByTestId('draft-field-at_risk_silence_days').fill('2.5');
    await page.getByTestId('draft-save').click();
    await expect(page.getByTestId('draft-error-churn_extra_silence_days')).toHaveText(
      'Must be at least 1.',
    );
    await expect(page.getByTestId('draft-error-at_risk_silence_days')).toHaveText(
      'Enter a whole number.',
    );
    await expect(page.getByTestId('draft-field-churn_extra_silence_days')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    await expect(page.getByTestId('draft-error')).toContainText('Nothing was saved');
    await expect(page.getByTestId('draft-error-new_window_days')).toHaveCount(0);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('draft-field-churn_extra_silence_days').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${screens}/rules-errors-phone.png` });

    // Fixing those, a rule across fields is checked next: core days must fit in the window.
    await page.getByTestId('draft-field-churn_extra_silence_days').fill('30');
    await page.getByTestId('draft-field-at_risk_silence_days').fill('15');
    await expect(page.getByTestId('draft-error-churn_extra_silence_days')).toHaveCount(0);
    await page.getByTestId('draft-field-core_active_days_over').fill('30');
    await page.getByTestId('draft-save').click();
    await expect(page.getByTestId('draft-error-core_active_days_over')).toHaveText(
      "Must be at most 29: fewer than the core window's days, or no fan could be core.",
    );

    // Nothing was saved: the draft on the server still holds the published values.
    await page.reload();
    await expect(page.getByTestId('draft-field-churn_extra_silence_days')).toHaveValue('30');
    await expect(page.getByTestId('draft-field-at_risk_silence_days')).toHaveValue('15');
    const state = await (await page.request.get('/api/rules')).json();
    expect(state.draft.params).toEqual(state.published.params);
    expect(state.published.version).toBe(published);

    // The server refuses what the page would not send, too.
    const put = (data: unknown) => page.request.put(`/api/rules/draft/${draft}`, { data });
    const tooLong = await put({ params: { ...state.published.params, core_window_days: 400 } });
    expect(tooLong.status()).toBe(400);
    expect((await tooLong.json()).error).toMatchObject({
      code: 'invalid',
      fields: [{ path: 'body.params.core_window_days', code: 'too_big', maximum: 365 }],
    });
    expect((await put({ params: { ...state.published.params, vip: 1 } })).status()).toBe(400);
    const text = await page.request.put(`/api/rules/draft/${draft}`, {
      data: 'not json',
      headers: { 'content-type': 'text/plain' },
    });
    expect([text.status(), (await text.json()).error.code]).toEqual([
      415,
      'unsupported_media_type',
    ]);
    const garbled = await page.request.put('/api/rules/draft/abc', { data: { params: {} } });
    expect((await garbled.json()).error).toMatchObject({
      code: 'invalid',
      fields: [{ path: 'params.version' }],
    });
    const unknown = await page.request.put('/api/rules/draft/99999', {
      data: { params: state.published.params },
    });
    expect([unknown.status(), (await unknown.json()).error.code]).toEqual([404, 'not_found']);

    // Someone else publishes this draft while it is open here; publishing it again is refused.
    await page.getByTestId('draft-field-at_risk_silence_days').fill('12');
    await page.getByTestId('draft-save').click();
    await expect(page.getByTestId('draft-saved')).toBeVisible();
    const elsewhere = await page.request.post(`/api/rules/draft/${draft}/publish`, {
      data: { note: 'Published from another tab' },
    });
    expect(elsewhere.status()).toBe(200);
    await page.getByTestId('publish-note').fill('Twelve days');
    await page.getByTestId('publish-submit').click();
    await expect(page.getByTestId('rules-notice')).toHaveAttribute('data-tone', 'error');
    await expect(page.getByTestId('rules-notice')).toContainText(
      `Version ${draft} is no longer an open draft`,
    );
    await expect(page.getByTestId('published-version')).toHaveText(`v${draft}`);
    await expect(page.getByTestId('published-note')).toContainText('Published from another tab');
    const again = await page.request.post(`/api/rules/draft/${draft}/publish`, {
      data: { note: 'once more' },
    });
    expect([again.status(), (await again.json()).error.code]).toEqual([409, 'not_draft']);

    // Back to the rules this test found, for the tests after it.
    const back = await page.request.post(`/api/rules/versions/${published}/rollback`, {
      data: { note: 'e2e: restore' },
    });
    expect(back.status()).toBe(200);
    const missingNote = await page.request.post(`/api/rules/versions/${published}/rollback`, {
      data: { note: ' ' },
    });
    expect(missingNote.status()).toBe(400);
    // A NUL in a note is refused by the server and changes nothing.
    const before = await (await page.request.get('/api/rules')).json();
    const nul = await page.request.post(`/api/rules/versions/${draft}/rollback`, {
      data: { note: 'restore\u0000' },
    });
    expect([nul.status(), (await nul.json()).error.fields[0].code]).toEqual([
      400,
      'control_character',
    ]);
    expect(await (await page.request.get('/api/rules')).json()).toEqual(before);
  });

  test('a growth manager reads the rules without edit controls and may not change them', async ({
    page,
  }) => {
    await signIn(page, 'growth');
    await openRulesFromNav(page);
    await expect(page.getByTestId('rules-readonly')).toBeVisible();
    await expect(page.getByTestId('published-rules')).toBeVisible();
    await expect(page.getByTestId('rules-history')).toBeVisible();
    await expect(page.getByTestId('draft-start')).toHaveCount(0);
    await expect(page.locator('[data-testid^="rollback-"]')).toHaveCount(0);
    await expect(page.locator('input, textarea')).toHaveCount(0);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${screens}/rules-growth-phone.png`, fullPage: true });
    await page.screenshot({ path: `${screens}/rules-growth-phone-top.png` });

    expect((await page.request.get('/api/rules')).status()).toBe(200);
    const refused = [
      await page.request.post('/api/rules/draft'),
      await page.request.put('/api/rules/draft/1', { data: { params: {} } }),
      await page.request.delete('/api/rules/draft/1'),
      await page.request.post('/api/rules/draft/1/publish', { data: { note: 'x' } }),
      await page.request.post('/api/rules/versions/1/rollback', { data: { note: 'x' } }),
    ];
    expect(refused.map((r) => r.status())).toEqual([403, 403, 403, 403, 403]);
  });

  test('an operator sees the rules in Chinese on a phone', async ({ page }) => {
    await signIn(page, 'operator');
    await page.context().addCookies([{ name: 'locale', value: 'zh-CN', url: page.url() }]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/rules');
    await expect(page.getByRole('heading', { level: 1, name: '生命周期规则' })).toBeVisible();
    const draft = await openDraft(page);
    // A refused value is explained in Chinese, from the server's code and limit.
    await page.getByTestId('draft-field-core_window_days').fill('400');
    await page.getByTestId('draft-field-core_active_days_over').fill('-1');
    await page.getByTestId('draft-save').click();
    await expect(page.getByTestId('draft-error-core_window_days')).toHaveText('不能大于 365。');
    await expect(page.getByTestId('draft-error-core_active_days_over')).toHaveText('不能小于 0。');
    await expect(page.getByTestId('draft-error')).toContainText('没有保存任何内容');
    await page.getByTestId('draft-field-core_window_days').scrollIntoViewIfNeeded();
    await page
      .getByTestId('draft-editor')
      .screenshot({ path: `${screens}/rules-zh-phone-field-error.png` });
    await page.getByTestId('draft-undo').click();
    await expect(page.getByTestId('draft-error-core_window_days')).toHaveCount(0);
    await page.getByTestId('draft-field-at_risk_silence_days').fill('10');
    await page.getByTestId('draft-save').click();
    await expect(page.getByTestId('draft-saved')).toHaveText(`草稿 v${draft} 已保存。`);
    const cell = page.getByTestId('preview-cell-active-at_risk');
    await expect.poll(async () => Number(await cell.getAttribute('data-count'))).toBeGreaterThan(0);
    await cell.click();
    await expect(page.getByTestId('preview-samples')).toContainText('活跃 → 流失风险');
    await expect(page.getByTestId('preview-sample').first()).toHaveText(/^粉丝 #\d+$/);
    await page.screenshot({ path: `${screens}/rules-zh-phone.png`, fullPage: true });
    await page
      .getByTestId('draft-editor')
      .screenshot({ path: `${screens}/rules-zh-phone-draft.png` });
    await page
      .getByTestId('rules-preview')
      .screenshot({ path: `${screens}/rules-zh-phone-preview.png` });

    await page.getByTestId('draft-discard').click();
    await page.getByTestId('discard-yes').click();
    await expect(page.getByTestId('rules-notice')).toContainText(`草稿 v${draft} 已放弃`);
    await expect(page.getByTestId('draft-start')).toBeVisible();
    await expect(page.getByTestId(`history-${draft}-state`)).toHaveText('未发布');
  });

  test('support staff get the 403 page and the API refuses them', async ({ page, request }) => {
    expect((await request.get('/api/rules')).status()).toBe(401);
    expect((await request.post('/api/rules/draft')).status()).toBe(401);
    await signIn(page, 'support');
    await expect(page.getByRole('link', { name: 'Rules' })).toHaveCount(0);
    const response = await page.goto('/rules');
    expect(response?.status()).toBe(403);
    await expect(page.getByTestId('forbidden')).toBeVisible();
    expect((await page.request.get('/api/rules')).status()).toBe(403);
    expect((await page.request.post('/api/rules/draft')).status()).toBe(403);
  });
});
