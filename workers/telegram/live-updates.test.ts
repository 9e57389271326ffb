import bigInt from 'big-integer';
import { Api } from 'telegram';
import { describe, expect, it } from 'vitest';
import { updatedCommunity } from './live-updates';
import { BOT_API_ID, CHAT_ID, chatMessage } from './testing/fake-chat';

describe('updatedCommunity', () => {
  it('names the community a new message or member change is about, and nothing else', () => {
    const message = chatMessage(7);
    expect(
      updatedCommunity(new Api.UpdateNewChannelMessage({ message, pts: 1, ptsCount: 1 })),
    ).toBe(BOT_API_ID);
    expect(
      updatedCommunity(
        new Api.UpdateChannelParticipant({
          channelId: bigInt(CHAT_ID),
          date: 1,
          actorId: bigInt(1001),
          userId: bigInt(1002),
          qts: 1,
        }),
      ),
    ).toBe(BOT_API_ID);
    const inGroup = new Api.Message({
      id: 1,
      peerId: new Api.PeerChat({ chatId: bigInt(555) }),
      date: 1,
      message: 'hi',
    });
    expect(
      updatedCommunity(new Api.UpdateNewMessage({ message: inGroup, pts: 1, ptsCount: 1 })),
    ).toBe(-555);
    expect(
      updatedCommunity(
        new Api.UpdateUserStatus({
          userId: bigInt(1),
          status: new Api.UserStatusOnline({ expires: 1 }),
        }),
      ),
    ).toBeNull();
  });
});
