import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support/sign-in';

// What a fan wrote, as support sees it: an admin imports a Telegram Desktop export, support
// finds the fan and reads its messages on the timeline (in English and in Chinese), and an
// erasure takes them away.

const FAN = 'Meilin';
const texts = {
  question: '你好，我的订单 A-1001 还没到，可以帮我查一下吗？',
  reply: 'Thanks, it arrived!\nSee you at the launch 🎉',
};

const exportFile = () => ({
  name: 'texts.json',
  mimeType: 'application/json',
  buffer: Buffer.from(
    JSON.stringify({
      name: 'Texts group',
      type: 'private_supergroup',
      id: 1987650001,
      messages: [
        {
          id: 1,
          type: 'message',
          date: '2026-03-01T09:00:00',
          date_unixtime: '1772355600',
          from: FAN,
          from_id: 'user777001',
          text: texts.question,
        },
        {
          id: 2,
          type: 'message',
          date: '2026-03-01T09:05:00',
          date_unixtime: '1772355900',
          from: 'Helper',
          from_id: 'user777002',
          text: [{ type: 'mention', text: '@meilin' }, ' it is on its way'],
        },
        {
          id: 3,
          type: 'message',
          date: '2026-03-02T10:00:00',
          date_unixtime: '1772445600',
          from: FAN,
          from_id: 'user777001',
          reply_to_message_id: 2,
          text: [
            texts.reply.split('\n')[0],
            '\n',
            { type: 'bold', text: 'See you' },
            ' at the launch 🎉',
          ],
        },
      ],
    }),
  ),
});

async function openFan(page: Page) {
  await page.goto(`/fans?${new URLSearchParams({ q: FAN })}`);
  const result = page.getByTestId('fan-result-link').filter({ visible: true }).first();
  await expect(result).toBeVisible();
  await result.click();
  await expect(page).toHaveURL(/\/fans\/\d+$/);
}

test('support reads what a fan wrote on its timeline, and an erasure removes it', async ({
  browser,
  page,
}) => {
  await signIn(page, 'admin');
  await page.goto('/import');
  await page.getByTestId('import-file').setInputFiles(exportFile());
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-added-events')).toHaveText('3');

  const support = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const en = await support.newPage();
  await signIn(en, 'support');
  await openFan(en);
  const timeline = en.getByTestId('fan-timeline');
  const written = timeline.getByTestId('fan-timeline-text');
  // Lines are kept (the page shows them as written); the check reads the text as one line.
  const shown = [texts.reply.replace('\n', ' '), texts.question];
  await expect(written).toHaveText(shown);
  await expect(timeline.locator('li[data-kind="event"]').first()).toContainText('Reply');
  await expect(en.getByText('Events with what the fan wrote')).toBeVisible();
  await en.screenshot({ path: 'test-results/screens/fan-texts-en-desktop.png', fullPage: true });
  const fanUrl = en.url();

  const zhContext = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: 'zh-CN',
    deviceScaleFactor: 2,
  });
  const zh = await zhContext.newPage();
  await signIn(zh, 'support');
  await zh.goto(fanUrl);
  await expect(zh.getByTestId('fan-timeline-text')).toHaveText(shown);
  await expect(zh.getByText('互动（含粉丝写的消息内容）')).toBeVisible();
  await expect(
    zh.getByTestId('fan-timeline').locator('li[data-kind="event"]').first(),
  ).toContainText('回复');
  await zh.screenshot({ path: 'test-results/screens/fan-texts-zh-phone.png', fullPage: true });
  await zhContext.close();

  // Erased: the timeline keeps the two messages, without a word of them.
  await expect(en.getByTestId('fan-privacy')).toContainText('what the fan wrote (message texts)');
  await en.getByTestId('fan-erase-open').click();
  const id = new URL(fanUrl).pathname.split('/').at(-1)!;
  await en.getByTestId('fan-erase-confirm').fill(`#${id}`);
  await en.getByTestId('fan-erase-submit').click();
  await expect(en.getByTestId('fan-erased')).toBeVisible();
  await expect(timeline.locator('li[data-kind="event"]')).toHaveCount(2);
  await expect(written).toHaveCount(0);
  const api = await en.request.get(`/api/fans/${id}/timeline`);
  expect(JSON.stringify(await api.json())).not.toMatch(/A-1001|launch/);
  await en.screenshot({
    path: 'test-results/screens/fan-texts-erased-desktop.png',
    fullPage: true,
  });
  await support.close();
});
