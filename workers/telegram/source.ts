import bigInt from 'big-integer';
import { Api, type TelegramClient } from 'telegram';
import type { TrackedCommunity } from './tracked-community';

// The narrow interface between the worker and Telegram: the few reads it needs, returning
// GramJS's own objects. The GramJS implementation below is the real one; tests stub the
// client's `invoke`, so the requests and the mapping they feed are the real code.

export interface HistoryPage {
  messages: Api.TypeMessage[];
  users: Api.TypeUser[];
  /** Messages in the chat, when Telegram says. */
  count: number | null;
}

export interface TelegramSource {
  /** Up to `limit` messages older than `offsetId` (0: the newest) and newer than `minId`, newest first. */
  history(
    community: TrackedCommunity,
    page: { offsetId: number; minId: number; limit: number },
  ): Promise<HistoryPage>;
}

export function gramjsSource(client: TelegramClient): TelegramSource {
  return {
    async history(community, { offsetId, minId, limit }) {
      const result = await client.invoke(
        new Api.messages.GetHistory({
          peer: await client.getInputEntity(community.telegramId),
          offsetId,
          minId,
          maxId: 0,
          addOffset: 0,
          offsetDate: 0,
          limit,
          hash: bigInt(0),
        }),
      );
      if (result instanceof Api.messages.MessagesNotModified)
        return { messages: [], users: [], count: 0 };
      return {
        messages: result.messages,
        users: result.users,
        count: 'count' in result ? result.count : null,
      };
    },
  };
}
