import { expect, test, type APIResponse, type Page } from '@playwright/test';
import { signIn } from './support/sign-in';

// Every response carries the security headers, and the pages still work under the policy:
// no script or style of theirs is blocked by it.

function expectSecurityHeaders(response: APIResponse | null) {
  const headers = response!.headers();
  expect(headers['content-security-policy']).toContain("default-src 'self'");
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['x-powered-by']).toBeUndefined();
  // Served over http here (NEXTAUTH_URL is http://127.0.0.1:…): no HSTS.
  expect(headers['strict-transport-security']).toBeUndefined();
}

/** Console errors and CSP violations the page reports while it is used. */
function watchViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text()))
      seen.push(m.text());
  });
  page.on('pageerror', (e) => seen.push(e.message));
  return seen;
}

test.describe('security headers', () => {
  test('on a page, an API route and a static file', async ({ page, request }) => {
    const signin = await request.get('/signin');
    expect(signin.status()).toBe(200);
    expectSecurityHeaders(signin);

    const api = await request.get('/api/settings/sync');
    expect(api.status()).toBe(401);
    expectSecurityHeaders(api);

    await page.goto('/signin');
    const script = await page.locator('script[src^="/_next/static/"]').first().getAttribute('src');
    const asset = await request.get(script!);
    expect(asset.status()).toBe(200);
    expectSecurityHeaders(asset);
    expectSecurityHeaders(await request.get('/icon.svg'));
  });

  test('pages render and work with no CSP violation', async ({ page }) => {
    const violations = watchViolations(page);
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`Refused to load (CSP ${e.violatedDirective}): ${e.blockedURI}`),
      );
    });
    await signIn(page, 'admin');
    for (const path of ['/', '/growth', '/fans', '/segments', '/rules', '/settings', '/import']) {
      await page.goto(path);
      await expect(page.getByTestId('site-nav')).toBeVisible();
      await page.waitForLoadState('networkidle');
    }
    // Client-side navigation and a chart need the inline scripts and styles.
    await page.getByTestId('site-nav').getByRole('link', { name: 'Import' }).click();
    await expect(page.getByTestId('import-file')).toBeVisible();
    expect(violations).toEqual([]);
  });
});
