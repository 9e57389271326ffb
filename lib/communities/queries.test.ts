import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { ingestBatch, type FactInput } from '../ingest';
import { getCommunitySummary, getEngagementsPerDay, listCommunities } from './queries';

const event = (key: string, fan: number, type: 'message' | 'reaction', at: string): FactInput => ({
  kind: 'event',
  sourceKey: `tg:msg:-1002:${key}`,
  community: -1002,
  fan,
  type,
  at,
});

describe('community queries', () => {
  let db: Database;
  let groupId: number;
  beforeAll(async () => {
    db = (await useTestDb()).db;
    await ingestBatch(db, [
      { kind: 'community', telegramId: -1001, type: 'channel', title: 'Channel' },
      {
        kind: 'community',
        telegramId: -1002,
        type: 'supergroup',
        title: 'Group',
        linkedTelegramId: -1001,
        timeZone: 'Asia/Shanghai',
      },
      event('1', 11, 'message', '2026-03-01T15:30:00Z'), // 1 March 23:30 in Shanghai
      event('2', 11, 'reaction', '2026-03-01T16:30:00Z'), // 2 March 00:30
      event('3', 12, 'message', '2026-03-02T01:00:00Z'), // 2 March
      {
        kind: 'membership',
        sourceKey: 'tg:join:-1002:13',
        community: -1002,
        fan: 13,
        action: 'join',
        at: '2026-03-01T00:00:00Z',
        source: 'admin_log',
      },
      {
        kind: 'post',
        community: -1001,
        messageId: 5,
        at: '2026-03-01T00:00:00Z',
        views: 70,
        forwards: 1,
        reactions: 2,
        replies: 0,
        observedAt: '2026-03-02T00:00:00Z',
      },
    ]);
    groupId = (await listCommunities(db)).find((c) => c.title === 'Group')!.id;
  });

  it('sums a day per calendar day in the community time zone, with empty days as zeros', async () => {
    expect(
      await getEngagementsPerDay(db, {
        communityId: groupId,
        from: '2026-02-28',
        to: '2026-03-03',
      }),
    ).toEqual([
      { day: '2026-02-28', engagements: 0, messages: 0, reactions: 0, activeFans: 0 },
      { day: '2026-03-01', engagements: 1, messages: 1, reactions: 0, activeFans: 1 },
      { day: '2026-03-02', engagements: 2, messages: 1, reactions: 1, activeFans: 2 },
      { day: '2026-03-03', engagements: 0, messages: 0, reactions: 0, activeFans: 0 },
    ]);
    expect(
      await getEngagementsPerDay(db, {
        communityId: 999_999,
        from: '2026-03-01',
        to: '2026-03-02',
      }),
    ).toBeNull();
  });

  it('counts fans with activity or a membership record, and names the linked channel', async () => {
    const summary = await getCommunitySummary(db, { communityId: groupId });
    expect(summary).toMatchObject({
      title: 'Group',
      fans: 3,
      engagements: 3,
      posts: 0,
      views: 0,
      linkedCommunity: { title: 'Channel' },
    });
    const channel = await getCommunitySummary(db, { communityId: summary!.linkedCommunity!.id });
    expect(channel).toMatchObject({
      posts: 1,
      views: 70,
      fans: 0,
      linkedCommunity: { title: 'Group' },
    });
    expect(await getCommunitySummary(db, { communityId: 999_999 })).toBeNull();
  });
});
