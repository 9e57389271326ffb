import { createDb } from '../../../db/client';
import { gramjsSource } from '../source';
import { syncHistory } from '../sync-history';
import { fakeCommunity, fakeTelegram, trackFakeChat } from './fake-chat';

// A worker process for the crash test: syncs the fake chat's history (`MESSAGES` messages,
// 20 a page, a pause per page) into DATABASE_URL, so a test can kill it mid-run.
async function main() {
  const { db, close } = createDb({ url: process.env.DATABASE_URL!, max: 2 });
  await trackFakeChat(db);
  const telegram = fakeTelegram(Number(process.env.MESSAGES ?? 600));
  const invoke = telegram.client.invoke.bind(telegram.client);
  telegram.client.invoke = (async (request: Parameters<typeof invoke>[0]) => {
    await new Promise((resolve) => setTimeout(resolve, 30));
    return invoke(request);
  }) as typeof invoke;
  await syncHistory(db, gramjsSource(telegram.client), fakeCommunity, {
    pageSize: 20,
    sleep: async () => {},
  });
  await close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
