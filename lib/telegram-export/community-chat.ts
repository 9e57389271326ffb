import type { FactInput } from '../ingest';
import { ExportFormatError } from './errors';
import type { ChatInfo } from './read-export';

// Which exported chats are communities, and the community fact each one tells.

const communityTypes: Record<string, 'group' | 'supergroup' | 'channel'> = {
  private_group: 'group',
  private_supergroup: 'supergroup',
  public_supergroup: 'supergroup',
  public_channel: 'channel',
  private_channel: 'channel',
};

// Telegram's own limits on bare ids (TDLib: ChatId::MAX_CHAT_ID, ChannelId::MAX_CHANNEL_ID).
const MAX_GROUP_ID = 999_999_999_999;
const MAX_CHANNEL_ID = 1_000_000_000_000 - 2 ** 31;

export const isCommunity = (chat: ChatInfo) => chat.type !== null && chat.type in communityTypes;

/**
 * The chat's Bot API id (exports write bare ids; the rest of the product uses -id for a
 * group and -100… for a supergroup or channel); a bare id Telegram never gives is refused.
 */
export function communityTelegramId(chat: ChatInfo, name: string): number {
  const id = chat.id!;
  const group = chat.type === 'private_group';
  const max = group ? MAX_GROUP_ID : MAX_CHANNEL_ID;
  if (!Number.isInteger(id) || id < 1 || id > max)
    throw new ExportFormatError(
      `${name}: ${chat.path}: "id" ${id} is not a Telegram ${group ? 'group' : 'channel or supergroup'} id (a whole number from 1 to ${max})`,
    );
  return group ? -id : Number(`-100${id}`);
}

export function communityType(chat: ChatInfo) {
  return communityTypes[chat.type!]!;
}

/** The community fact of a community chat (its title falls back to its type and id). */
export function communityFact(chat: ChatInfo, name: string): FactInput & { kind: 'community' } {
  const type = communityType(chat);
  return {
    kind: 'community',
    telegramId: communityTelegramId(chat, name),
    type,
    title: (chat.name || `Telegram ${type} ${chat.id}`).slice(0, 255),
  };
}
