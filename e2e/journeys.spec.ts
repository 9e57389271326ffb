import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support/sign-in';

// Across pages, as an operator works: a rule change reaches the segment browser through
// the lifecycle job (the e2e server runs the worker; its refresh runs every minute).

async function atRiskCount(page: Page): Promise<number> {
  await page.goto('/segments?stage=at_risk');
  const count = page.getByTestId('segment-count');
  await expect(count).toHaveText(/^\d[\d,]*$/);
  return Number((await count.innerText()).replace(/,/g, ''));
}

test('an operator lowers at_risk_silence_days, sees at-risk fans rise in segments, rolls back and sees them return', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signIn(page, 'operator');
  const before = await atRiskCount(page);

  await page.goto('/rules');
  const original = (await page.getByTestId('published-version').innerText()).trim();
  if (await page.getByTestId('draft-start').isVisible())
    await page.getByTestId('draft-start').click();
  // Flag quiet fans sooner, but churn them at the same point (10 + 35 = 15 + 30 days), so
  // at risk only gains fans.
  await page.getByTestId('draft-field-at_risk_silence_days').fill('10');
  await page.getByTestId('draft-field-churn_extra_silence_days').fill('35');
  await page.getByTestId('draft-save').click();
  const cell = async (from: string, to: string) =>
    Number(await page.getByTestId(`preview-cell-${from}-${to}`).getAttribute('data-count'));
  await expect.poll(() => cell('active', 'at_risk')).toBeGreaterThan(0);
  // What the preview promises for at risk: the fans moving in, less any moving out.
  const others = ['new', 'active', 'core', 'high_value', 'churned'];
  let net = 0;
  for (const stage of others)
    net += (await cell(stage, 'at_risk')) - (await cell('at_risk', stage));
  expect(net).toBeGreaterThan(0);
  await page.getByTestId('publish-note').fill('Journey: win back sooner');
  await page.getByTestId('publish-submit').click();
  await expect(page.getByTestId('rules-notice')).toContainText('is published');

  // The lifecycle job re-decides every fan after a publish; the count follows.
  await expect
    .poll(async () => Math.abs((await atRiskCount(page)) - (before + net)), {
      timeout: 150_000,
      intervals: [5_000],
    })
    .toBeLessThanOrEqual(2);
  await page.screenshot({ path: 'test-results/screens/journey-segments-after-publish.png' });

  await page.goto('/rules');
  await page.getByTestId(`rollback-${original.replace(/^v/, '')}`).click();
  await page.getByTestId('rollback-confirm').click();
  await expect(page.getByTestId('rules-notice')).toContainText('is published with the rules of');
  // Back to where it was, give or take a fan whose silence crossed a day meanwhile.
  await expect
    .poll(async () => Math.abs((await atRiskCount(page)) - before), {
      timeout: 150_000,
      intervals: [5_000],
    })
    .toBeLessThanOrEqual(2);
});
