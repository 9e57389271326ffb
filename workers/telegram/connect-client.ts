import { Api, TelegramClient } from 'telegram';
import { StringSession } from 'telegram/sessions';
import type { TelegramConfig } from '../../lib/env';
import { sessionError } from './telegram-calls';

export type Connect = (config: TelegramConfig, session: string) => Promise<TelegramClient>;

/** A GramJS client on a stored session, checked with Telegram before it is used. */
export const connectClient: Connect = async (config, session) => {
  const client = new TelegramClient(new StringSession(session), config.apiId, config.apiHash, {
    connectionRetries: 5,
  });
  await client.connect();
  try {
    await checkSession(client);
  } catch (error) {
    await client.destroy();
    throw error;
  }
  return client;
};

/**
 * Asks for the update state, the cheapest call that needs a signed-in session. GramJS's
 * checkAuthorization answers false on any error (a dropped connection, a session in use
 * elsewhere), which would stop a healthy account; this throws what the error really says.
 */
export async function checkSession(client: TelegramClient): Promise<void> {
  try {
    await client.invoke(new Api.updates.GetState());
  } catch (error) {
    throw sessionError(error) ?? error;
  }
}
