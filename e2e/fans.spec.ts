import { readFile } from 'node:fs/promises';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { signIn } from './support/sign-in';

// Support's fan lookup on the e2e demo (400 fans with 120 days of history and stage
// changes): find a fan by @username, read why it is in its stage and its timeline, tag it,
// download its data, erase another one; and who may not.

interface Result {
  id: number;
  username: string | null;
}

async function searchApi(request: APIRequestContext, q: string): Promise<Result[]> {
  const res = await request.get(`/api/fans?${new URLSearchParams({ q })}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { results: Result[] }).results;
}

/** A demo fan with a @username and more than one page of timeline. */
async function busyFan(request: APIRequestContext, skip: number[] = []): Promise<Result> {
  for (const fan of await searchApi(request, '@fan')) {
    if (!fan.username || skip.includes(fan.id)) continue;
    const res = await request.get(`/api/fans/${fan.id}/timeline`);
    const page = (await res.json()) as { entries: unknown[]; nextCursor: string | null };
    if (page.nextCursor) return fan;
  }
  throw new Error('no demo fan with more than one page of timeline');
}

async function searchFor(page: Page, q: string) {
  await page.getByTestId('fan-search-input').fill(q);
  await page.getByTestId('fan-search-submit').click();
  await expect(page).toHaveURL(
    (url) => url.pathname === '/fans' && url.searchParams.get('q') === q,
  );
}

const visibleResult = (page: Page) => page.getByTestId('fan-result-link').filter({ visible: true });

let firstFanId = 0;

test.describe('fan lookup', () => {
  test('support finds a fan by @username, sees why and its timeline, tags it, exports it', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, 'support');
    await expect(page).toHaveURL(/\/fans$/);
    await expect(page.getByTestId('site-nav').getByRole('link', { name: 'Fans' })).toBeVisible();

    const fan = await busyFan(page.request);
    firstFanId = fan.id;
    // A prefix finds it among others; the whole @username finds it first.
    await searchFor(page, '@fan');
    await expect(visibleResult(page).first()).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/fans-search-desktop.png', fullPage: true });
    await searchFor(page, `@${fan.username!.toUpperCase()}`);
    await expect(page.getByTestId('fan-results')).toContainText(`@${fan.username}`);
    await visibleResult(page).first().click();
    await expect(page).toHaveURL(new RegExp(`/fans/${fan.id}$`));
    await expect(page.getByTestId('fan-username')).toHaveText(`@${fan.username}`);

    // Why: the rule in words, with its deciding numbers.
    await expect(page.getByTestId('fan-why-rule')).not.toBeEmpty();
    await expect(page.getByTestId('fan-why')).toContainText(/rules v\d+/);

    // The timeline: 50 entries, then older ones on demand.
    const entries = page.getByTestId('fan-timeline').locator(':scope > li');
    await expect(entries).toHaveCount(50);
    await expect(entries.first()).toContainText(/\d{4}/);
    await expect(
      page.getByTestId('fan-timeline').locator('li[data-kind="stage"]').first(),
    ).toBeAttached();
    await page.getByTestId('fan-timeline-older').click();
    await expect.poll(() => entries.count()).toBeGreaterThan(50);

    // A tag, added by name and removed.
    await page.getByTestId('fan-tag-input').fill('e2e follow-up');
    await page.getByTestId('fan-tag-add').click();
    const tag = page.getByTestId('fan-tag').filter({ hasText: 'e2e follow-up' });
    await expect(tag).toBeVisible();
    await page.reload();
    await expect(tag).toBeVisible();
    await page.screenshot({
      path: 'test-results/screens/fans-profile-desktop.png',
      fullPage: true,
    });
    await tag.getByRole('button', { name: 'Remove the tag e2e follow-up' }).click();
    await expect(tag).toHaveCount(0);

    // The export: the fan's data as JSON.
    const download = page.waitForEvent('download');
    await page.getByTestId('fan-export').click();
    const file = await (await download).path();
    const data = JSON.parse(await readFile(file, 'utf8')) as {
      fan: { id: number; username: string };
      events: unknown[];
      memberships: unknown[];
      stageHistory: unknown[];
    };
    expect(data.fan).toMatchObject({ id: fan.id, username: fan.username });
    expect(data.events.length).toBeGreaterThan(50);
    expect(data.memberships.length).toBeGreaterThan(0);
    expect(data.stageHistory.length).toBeGreaterThan(0);
  });

  test('support erases a fan: anonymised, and not found by its old @username', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, 'support');
    const fan = await busyFan(page.request, [firstFanId]);
    await page.goto(`/fans/${fan.id}`);
    await expect(page.getByTestId('fan-username')).toHaveText(`@${fan.username}`);

    await page.getByTestId('fan-erase-open').click();
    await page.getByTestId('fan-erase-confirm').fill('yes');
    await expect(page.getByTestId('fan-erase-submit')).toBeDisabled();
    await page.getByTestId('fan-erase-confirm').fill(`#${fan.id}`);
    await page
      .getByTestId('fan-privacy')
      .screenshot({ path: 'test-results/screens/fans-erase-confirm-desktop.png' });
    await page.getByTestId('fan-erase-submit').click();

    await expect(page.getByTestId('fan-erased')).toBeVisible();
    await expect(page.getByTestId('fan-name')).toHaveText(`Erased fan #${fan.id}`);
    await expect(page.getByTestId('fan-username')).toHaveText('—');
    await expect(page.getByTestId('fan-telegram-id')).toHaveText('—');
    await expect(page.getByTestId('fan-first-name')).toHaveText('—');
    await expect(page.getByTestId('fan-erased-on')).toBeVisible();
    // Its anonymous history stays.
    await expect(page.getByTestId('fan-timeline').locator(':scope > li')).toHaveCount(50);
    await page.screenshot({ path: 'test-results/screens/fans-erased-desktop.png', fullPage: true });

    await page.goto('/fans');
    await searchFor(page, `@${fan.username}`);
    await expect(page.locator(`a[href="/fans/${fan.id}"]`)).toHaveCount(0);
    // Erasing again changes nothing.
    const again = await page.request.post(`/api/fans/${fan.id}/erase`, {
      data: { confirm: `#${fan.id}` },
    });
    expect(again.status()).toBe(200);
    expect(await again.json()).toMatchObject({ erased: false });
  });

  test('bad input gets a clear message', async ({ page }) => {
    await signIn(page, 'support');
    await searchFor(page, '@not a username');
    await expect(page.getByTestId('fan-search-error')).toHaveText(
      'A @username has 1 to 32 letters, digits or underscores after the @.',
    );
    await searchFor(page, 'zzzz-nobody-has-this-name');
    await expect(page.getByTestId('fan-search-none')).toBeVisible();
    const api = await page.request.get('/api/fans?q=%40');
    expect(api.status()).toBe(400);
    expect(await api.json()).toMatchObject({
      error: { code: 'invalid', fields: [{ path: 'query.q', code: 'bad_username' }] },
    });
    expect((await page.request.get('/api/fans/abc')).status()).toBe(400);
    expect((await page.request.get('/api/fans/99999999')).status()).toBe(404);
    // A cursor on 30 February: refused as a cursor, not a database error.
    const feb30 = Buffer.from(JSON.stringify(['2026-02-30T00:00:00Z', 'event', '1'])).toString(
      'base64url',
    );
    for (const cursor of ['nope', feb30]) {
      const res = await page.request.get(`/api/fans/1/timeline?cursor=${cursor}`);
      expect(res.status()).toBe(400);
      expect(await res.json()).toMatchObject({
        error: { fields: [{ path: 'query.cursor', code: 'invalid_cursor' }] },
      });
    }
    const wrong = await page.request.post('/api/fans/1/erase', { data: { confirm: 'wrong' } });
    expect(wrong.status()).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: { code: 'confirm_mismatch' } });
    const c1 = await page.request.post('/api/fans/1/tags', { data: { name: 'vip\u0085' } });
    expect(c1.status()).toBe(400);
    expect(await c1.json()).toMatchObject({
      error: { fields: [{ path: 'body.name', code: 'control_character' }] },
    });
    const missing = await page.goto('/fans/99999999');
    expect(missing?.status()).toBe(404);
  });

  test('growth may not look fans up; anonymous is sent to sign in', async ({ page, browser }) => {
    await signIn(page, 'growth');
    await expect(page.getByTestId('site-nav').getByRole('link', { name: 'Fans' })).toHaveCount(0);
    expect((await page.goto('/fans'))?.status()).toBe(403);
    expect((await page.goto('/fans/1'))?.status()).toBe(403);
    for (const path of [
      '/api/fans?q=%40fan',
      '/api/fans/1',
      '/api/fans/1/timeline',
      '/api/fans/1/export',
    ])
      expect((await page.request.get(path)).status(), path).toBe(403);
    expect((await page.request.post('/api/fans/1/tags', { data: { name: 'x' } })).status()).toBe(
      403,
    );
    expect((await page.request.delete('/api/fans/1/tags/1')).status()).toBe(403);
    expect(
      (await page.request.post('/api/fans/1/erase', { data: { confirm: '#1' } })).status(),
    ).toBe(403);

    const anonymous = await browser.newContext();
    const anon = await anonymous.newPage();
    await anon.goto('/fans/1');
    await expect(anon).toHaveURL(/\/signin\?callbackUrl=%2Ffans%2F1$/);
    for (const path of ['/api/fans?q=%40fan', '/api/fans/1', '/api/fans/1/export'])
      expect((await anon.request.get(path)).status(), path).toBe(401);
    expect(
      (await anon.request.post('/api/fans/1/erase', { data: { confirm: '#1' } })).status(),
    ).toBe(401);
    await anonymous.close();
  });

  test('screens on a phone, in Chinese', async ({ browser }) => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      deviceScaleFactor: 2,
    });
    const page = await context.newPage();
    try {
      await signIn(page, 'support');
      await searchFor(page, '@fan');
      await expect(visibleResult(page).first()).toBeVisible();
      await page.screenshot({ path: 'test-results/screens/fans-search-phone.png', fullPage: true });
      const fan = await busyFan(page.request, [firstFanId]);
      await page.goto(`/fans/${fan.id}`);
      await expect(page.getByTestId('fan-why-rule')).toBeVisible();
      await page.screenshot({
        path: 'test-results/screens/fans-profile-phone.png',
        fullPage: true,
      });
      // A refused tag, in Chinese: the words come from the refusal's code.
      await page.getByTestId('fan-tag-input').fill('标签\u0085');
      await page.getByTestId('fan-tag-add').click();
      await expect(page.getByTestId('fan-tag-error')).toHaveText(
        '不能使用控制字符（不可见的格式字符）。',
      );
      await page
        .getByTestId('fan-tags-card')
        .screenshot({ path: 'test-results/screens/fans-tag-refused-phone.png' });
      await page.getByTestId('fan-timeline').scrollIntoViewIfNeeded();
      await page.screenshot({ path: 'test-results/screens/fans-profile-phone-timeline.png' });

      // A fan someone invited: the inviter is named and linked.
      let invited: { id: number; inviter: number } | null = null;
      for (const r of await searchApi(page.request, '@fan')) {
        const { fan: profile } = (await (await page.request.get(`/api/fans/${r.id}`)).json()) as {
          fan: { memberships: { records: { invitedBy: { id: number } | null }[] }[] };
        };
        const by = profile.memberships.flatMap((m) => m.records).find((x) => x.invitedBy);
        if (by?.invitedBy) {
          invited = { id: r.id, inviter: by.invitedBy.id };
          break;
        }
      }
      expect(invited).not.toBeNull();
      await page.goto(`/fans/${invited!.id}`);
      const memberships = page.getByTestId('fan-memberships');
      await expect(memberships.locator(`a[href="/fans/${invited!.inviter}"]`)).toBeVisible();
      await memberships.screenshot({ path: 'test-results/screens/fans-memberships-phone.png' });
    } finally {
      await context.close();
    }
  });
});
