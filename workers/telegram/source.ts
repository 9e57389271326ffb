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

export interface AdminLogPage {
  events: Api.ChannelAdminLogEvent[];
  users: Api.TypeUser[];
}

export interface ParticipantsPage {
  /** Channel and supergroup members, or a basic group's (all of them at once). */
  participants: (Api.TypeChannelParticipant | Api.TypeChatParticipant)[];
  users: Api.TypeUser[];
  count: number;
}

/** A page of the people who reacted to a message, where Telegram lists them. */
export interface ReactorsPage {
  reactions: Api.TypeMessagePeerReaction[];
  users: Api.TypeUser[];
  /** Where the next page starts; null on the last one. */
  nextOffset: string | null;
}

/** A channel's linked discussion group, where the comments on its posts are written. */
export interface DiscussionGroup {
  telegramId: number;
  title: string;
  username: string | null;
}

export interface TelegramSource {
  /** Up to `limit` messages older than `offsetId` (0: the newest) and newer than `minId`, newest first. */
  history(
    community: TrackedCommunity,
    page: { offsetId: number; minId: number; limit: number },
  ): Promise<HistoryPage>;
  /** Join, leave and invite events newer than `minId` and older than `maxId` (0: any), newest first. */
  adminLog(
    community: TrackedCommunity,
    page: { minId: string; maxId: string; limit: number },
  ): Promise<AdminLogPage>;
  /**
   * The given messages (up to 100) as they are now: a post with its current views,
   * forwards, reactions and replies; a deleted one as MessageEmpty.
   */
  messages(community: TrackedCommunity, messageIds: number[]): Promise<HistoryPage>;
  /**
   * A page of who reacted to a group message, and with what; only where the message's
   * reactions say `canSeeList` (never in channels, where reactions are anonymous).
   */
  reactors(
    community: TrackedCommunity,
    messageId: number,
    page: { offset: string; limit: number },
  ): Promise<ReactorsPage>;
  /** The channel's discussion group, or null when it has none. */
  discussionGroup(channel: TrackedCommunity): Promise<DiscussionGroup | null>;
  /**
   * A page of the member list (Telegram lists about 10,000 of a supergroup, 200 of a
   * channel); a basic group's whole list comes in the first page.
   */
  participants(
    community: TrackedCommunity,
    page: { offset: number; limit: number },
  ): Promise<ParticipantsPage>;
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
    async adminLog(community, { minId, maxId, limit }) {
      const result = await client.invoke(
        new Api.channels.GetAdminLog({
          channel: await client.getInputEntity(community.telegramId),
          q: '',
          eventsFilter: new Api.ChannelAdminLogEventsFilter({
            join: true,
            leave: true,
            invite: true,
          }),
          minId: bigInt(minId),
          maxId: bigInt(maxId),
          limit,
        }),
      );
      return { events: result.events, users: result.users };
    },
    async messages(community, messageIds) {
      const id = messageIds.map((i) => new Api.InputMessageID({ id: i }));
      const result = await client.invoke(
        // A basic group's messages are the account's own, numbered across its chats.
        community.kind === 'group'
          ? new Api.messages.GetMessages({ id })
          : new Api.channels.GetMessages({
              channel: await client.getInputEntity(community.telegramId),
              id,
            }),
      );
      if (result instanceof Api.messages.MessagesNotModified)
        return { messages: [], users: [], count: 0 };
      return { messages: result.messages, users: result.users, count: null };
    },
    async reactors(community, messageId, { offset, limit }) {
      const result = await client.invoke(
        new Api.messages.GetMessageReactionsList({
          peer: await client.getInputEntity(community.telegramId),
          id: messageId,
          offset: offset || undefined,
          limit,
        }),
      );
      return {
        reactions: result.reactions,
        users: result.users,
        nextOffset: result.nextOffset ?? null,
      };
    },
    async discussionGroup(channel) {
      const result = await client.invoke(
        new Api.channels.GetFullChannel({
          channel: await client.getInputEntity(channel.telegramId),
        }),
      );
      const full = result.fullChat;
      if (!(full instanceof Api.ChannelFull) || !full.linkedChatId) return null;
      const group = result.chats.find(
        (c): c is Api.Channel => c instanceof Api.Channel && c.id.equals(full.linkedChatId!),
      );
      if (!group) return null;
      return {
        telegramId: Number(`-100${group.id.toString()}`),
        title: group.title,
        username: group.username ?? null,
      };
    },
    async participants(community, { offset, limit }) {
      if (community.kind === 'group') {
        // Basic groups have no paged list: the full chat carries every member.
        if (offset > 0) return { participants: [], users: [], count: 0 };
        const result = await client.invoke(
          new Api.messages.GetFullChat({ chatId: bigInt(-community.telegramId) }),
        );
        const list =
          result.fullChat instanceof Api.ChatFull &&
          result.fullChat.participants instanceof Api.ChatParticipants
            ? result.fullChat.participants.participants
            : [];
        return { participants: list, users: result.users, count: list.length };
      }
      const result = await client.invoke(
        new Api.channels.GetParticipants({
          channel: await client.getInputEntity(community.telegramId),
          filter: new Api.ChannelParticipantsRecent(),
          offset,
          limit,
          hash: bigInt(0),
        }),
      );
      if (!(result instanceof Api.channels.ChannelParticipants))
        return { participants: [], users: [], count: 0 };
      return { participants: result.participants, users: result.users, count: result.count };
    },
  };
}
