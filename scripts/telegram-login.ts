import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { Api, TelegramClient } from 'telegram';
import { StringSession } from 'telegram/sessions';
import { readEnv, telegramConfig } from '../lib/env';
import type { FactOf } from '../lib/ingest/facts';
import { saveAccount, trackCommunity } from '../lib/telegram/accounts';
import { runCli, withDatabase } from './cli';

// npm run telegram:login -- --label <name> [--track <@username or link>]...
// Signs a Telegram user account in (phone, code, two-step password), stores its session
// encrypted with APP_SECRET, and has the worker sync the given channels and groups (the
// account must be an admin there for the admin log and participant lists).

function communityOf(entity: unknown): FactOf<'community'> {
  if (entity instanceof Api.Channel)
    return {
      kind: 'community',
      telegramId: Number(`-100${entity.id.toString()}`),
      type: entity.megagroup ? 'supergroup' : 'channel',
      title: entity.title,
      username: entity.username ?? null,
    };
  if (entity instanceof Api.Chat)
    return {
      kind: 'community',
      telegramId: -entity.id.toJSNumber(),
      type: 'group',
      title: entity.title,
    };
  throw new Error('not a channel or group');
}

async function main() {
  const { values } = parseArgs({
    options: { label: { type: 'string' }, track: { type: 'string', multiple: true } },
  });
  const config = telegramConfig(readEnv());
  if (!config) throw new Error('Set TELEGRAM_API_ID, TELEGRAM_API_HASH and APP_SECRET first.');
  if (!values.label) throw new Error('--label <name> is required, e.g. --label "Brand account"');
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  const client = new TelegramClient(new StringSession(''), config.apiId, config.apiHash, {
    connectionRetries: 5,
  });
  let phone: string | null = null;
  try {
    await client.start({
      phoneNumber: async () =>
        (phone = (await prompt.question('Phone number, with country code: ')).trim()),
      phoneCode: async () => (await prompt.question('The code Telegram sent: ')).trim(),
      password: async () => prompt.question('Two-step verification password: '),
      onError: (error) => console.error(`Telegram: ${error.message}`),
    });
    const session = (client.session as StringSession).save();
    const communities: FactOf<'community'>[] = [];
    for (const chat of values.track ?? []) {
      try {
        communities.push(communityOf(await client.getEntity(chat)));
      } catch (error) {
        throw new Error(`--track ${chat}: ${(error as Error).message}`);
      }
    }
    await withDatabase(1, async ({ db }) => {
      const accountId = await saveAccount(
        db,
        { label: values.label!, phone, session },
        config.appSecret,
      );
      for (const community of communities) await trackCommunity(db, accountId, community);
      console.log(
        `Saved account ${values.label} (#${accountId}); it syncs ${communities.length} communities.`,
      );
    });
  } finally {
    prompt.close();
    await client.disconnect();
  }
}

runCli(main);
