import { TelegramClient, type Api } from 'telegram';
import { Logger } from 'telegram/extensions';
import { LogLevel } from 'telegram/extensions/Logger';
import { StringSession } from 'telegram/sessions';

/** A real TelegramClient (never connected) whose `invoke` answers with `answer`. */
export function stubClient(answer: (request: Api.AnyRequest) => unknown): TelegramClient {
  const client = new TelegramClient(new StringSession(''), 1, 'test', {
    connectionRetries: 0,
    baseLogger: new Logger(LogLevel.NONE),
  });
  client.getInputEntity = async () => {
    throw new Error('the stub resolves no entities');
  };
  client.invoke = (async (request: Api.AnyRequest) => answer(request)) as TelegramClient['invoke'];
  return client;
}
