import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { signatureFor } from '../lib/webhooks/signature';
import { signIn } from './support/sign-in';

// Settings → Purchase webhooks (admins): a source added with its secret shown once, that
// secret signing a real delivery, a rotation with both secrets signing during the overlap,
// and a revocation after which its deliveries are refused.

const screens = 'test-results/screens';

let order = 0;
/** Sends a signed order.paid to the webhook, as a shop would; answers the status. */
async function deliver(request: APIRequestContext, secrets: string | string[]) {
  order += 1;
  const body = JSON.stringify({
    id: `evt_e2e_${Date.now()}_${order}`,
    type: 'order.paid',
    order: {
      id: `e2e-order-${Date.now()}-${order}`,
      customer_id: 'e2e-customer',
      amount: '12.50',
      currency: 'USD',
      occurred_at: new Date().toISOString(),
    },
  });
  const res = await request.post('/api/webhooks/purchases', {
    data: body,
    headers: { 'content-type': 'application/json', 'x-signature': signatureFor(secrets, body) },
  });
  return res.status();
}

async function addSource(page: Page, name: string): Promise<string> {
  const card = page.getByTestId('settings-webhooks');
  await card.getByTestId('webhook-add-name').fill(name);
  await card.getByTestId('webhook-add-submit').click();
  const secret = (await card.getByTestId('webhook-secret').textContent())!.trim();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  return secret;
}

const sourceRow = (page: Page, name: string) =>
  page
    .getByTestId('settings-webhooks')
    .locator('tbody tr')
    .filter({ has: page.getByTestId('webhook-source-name').getByText(name, { exact: true }) });

test.describe('purchase webhooks in Settings', () => {
  test('an admin adds a source, sees its secret once, rotates it and revokes it', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, 'admin');
    await page.goto('/settings#webhooks');
    const card = page.getByTestId('settings-webhooks');
    await expect(card.getByRole('heading', { name: 'Purchase webhooks' })).toBeVisible();
    await expect(card.getByTestId('webhooks-not-configured')).toHaveCount(0);

    // Added: the secret, where to send and how to sign, shown this once.
    const name = 'Main shop';
    const secret = await addSource(page, name);
    const issued = card.getByTestId('webhook-secret-issued');
    await expect(issued).toContainText(`${name} is added`);
    await expect(issued.getByTestId('webhook-endpoint')).toHaveText(
      /^POST http:\/\/127\.0\.0\.1:\d+\/api\/webhooks\/purchases$/,
    );
    await expect(issued.getByTestId('webhook-header-format')).toHaveText(
      'X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the secret>',
    );
    await expect(sourceRow(page, name).getByTestId('webhook-source-status')).toHaveText('Active');
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: `${screens}/settings-webhooks-added-en.png` });

    // The secret signs a real delivery; another secret does not.
    expect(await deliver(page.request, secret)).toBe(200);
    expect(await deliver(page.request, 'whsec_guessed')).toBe(401);

    await issued.getByTestId('webhook-secret-done').click();
    await expect(issued).toHaveCount(0);
    await page.reload();
    await expect(sourceRow(page, name)).toBeVisible();
    expect(await page.content()).not.toContain(secret);

    // Rotated with the default overlap: a new secret shown once, both sign for 24 hours.
    await sourceRow(page, name).getByTestId('webhook-rotate').click();
    const rotate = page.getByTestId('webhook-rotate-dialog');
    await expect(rotate).toContainText(`Rotate the secret of ${name}`);
    await expect(rotate.getByTestId('webhook-rotate-overlap')).toHaveValue('24');
    await rotate.getByTestId('webhook-rotate-dialog-submit').click();
    await expect(rotate).toHaveCount(0);
    await expect(card.getByTestId('webhook-secret-issued')).toContainText(
      `The new signing secret of ${name}`,
    );
    const rotated = (await card.getByTestId('webhook-secret').textContent())!.trim();
    expect(rotated).not.toBe(secret);
    const states = sourceRow(page, name).getByTestId('webhook-secret-state');
    await expect(states).toHaveCount(2);
    await expect(states.nth(0)).toHaveAttribute('data-state', 'valid');
    await expect(states.nth(1)).toHaveAttribute('data-state', 'ending');
    await expect(states.nth(1)).toContainText('Signs until');
    expect(await deliver(page.request, secret)).toBe(200);
    expect(await deliver(page.request, rotated)).toBe(200);
    await card.screenshot({ path: `${screens}/settings-webhooks-rotated-en.png` });

    // Revoked after confirming: its deliveries are refused.
    await sourceRow(page, name).getByTestId('webhook-revoke').click();
    const revoke = page.getByTestId('webhook-revoke-dialog');
    await expect(revoke).toContainText(`Revoke ${name}?`);
    await revoke.getByTestId('webhook-revoke-dialog-submit').click();
    await expect(revoke).toHaveCount(0);
    await expect(card.getByTestId('webhook-revoked')).toContainText(`${name} is revoked`);
    await expect(card.getByTestId('webhook-secret-issued')).toHaveCount(0);
    await expect(sourceRow(page, name).getByTestId('webhook-source-status')).toHaveText('Revoked');
    await expect(sourceRow(page, name).getByTestId('webhook-rotate')).toHaveCount(0);
    expect(await deliver(page.request, rotated)).toBe(401);
    expect(await deliver(page.request, secret)).toBe(401);

    // The same name again is refused, naming the field.
    await card.getByTestId('webhook-add-name').fill('main SHOP');
    await card.getByTestId('webhook-add-submit').click();
    await expect(card.getByTestId('webhook-add-error')).toHaveText(
      'A source with this name already exists (revoked ones included).',
    );
    await expect(card.getByTestId('webhook-add-name-error')).toHaveText(
      'Another source has this name.',
    );
    await card.screenshot({ path: `${screens}/settings-webhooks-revoked-en.png` });
  });

  test('in Chinese, the secret box and the rotation dialog', async ({ browser }) => {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    try {
      await signIn(page, 'admin');
      await page.goto('/settings#webhooks');
      const card = page.getByTestId('settings-webhooks');
      await expect(card.getByRole('heading', { name: '购买 Webhook' })).toBeVisible();
      const secret = await addSource(page, '官方商城');
      await expect(card.getByTestId('webhook-secret-issued')).toContainText(
        '已添加 官方商城。它的签名密钥（仅显示这一次）：',
      );
      expect(await deliver(page.request, secret)).toBe(200);
      await card.scrollIntoViewIfNeeded();
      await card.screenshot({ path: `${screens}/settings-webhooks-added-zh.png` });
      await card.getByTestId('webhook-secret-done').click();
      await sourceRow(page, '官方商城').getByTestId('webhook-rotate').click();
      const rotate = page.getByTestId('webhook-rotate-dialog');
      await expect(rotate.getByTestId('webhook-rotate-overlap')).toContainText('24 小时');
      await rotate.getByTestId('webhook-rotate-overlap').selectOption('1');
      await page.screenshot({ path: `${screens}/settings-webhooks-rotate-zh.png` });
      await rotate.getByTestId('webhook-rotate-dialog-submit').click();
      await expect(card.getByTestId('webhook-secret-issued')).toContainText(
        '官方商城 的新签名密钥（仅显示这一次）：',
      );
      await expect(
        sourceRow(page, '官方商城').getByTestId('webhook-secret-state').nth(1),
      ).toContainText('有效至');
      await card.screenshot({ path: `${screens}/settings-webhooks-rotated-zh.png` });
    } finally {
      await context.close();
    }
  });
});
