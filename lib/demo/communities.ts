import type { FactOf } from '../ingest/facts';

// The demo brand: a channel and its linked discussion group, in China's time zone so the
// demo exercises day boundaries that are not UTC's.
export const demoChannel = {
  kind: 'community',
  telegramId: -1001700000001,
  type: 'channel',
  title: 'Aurora Coffee 极光咖啡',
  username: 'auroracoffee',
  timeZone: 'Asia/Shanghai',
} satisfies FactOf<'community'>;

export const demoGroup = {
  kind: 'community',
  telegramId: -1001700000002,
  type: 'supergroup',
  title: 'Aurora Coffee Chat 极光咖啡交流群',
  username: 'auroracoffee_chat',
  linkedTelegramId: demoChannel.telegramId,
  timeZone: 'Asia/Shanghai',
} satisfies FactOf<'community'>;

export const demoCommunities = [demoChannel, demoGroup];
