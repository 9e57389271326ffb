import bigInt from 'big-integer';
import { sql } from 'drizzle-orm';
import { Api } from 'telegram';
import { describe, expect, it } from 'vitest';
import { useTestDb } from '../../../db/testing/test-db';
import { ingestBatch } from '../../../lib/ingest';
import { BOT_API_ID, users } from '../testing/fake-chat';
import { factsFromAdminLog, factsFromParticipants } from './facts-from-members';

const community = { telegramId: BOT_API_ID, kind: 'supergroup' as const };
const at = (iso: string) => Date.parse(iso) / 1000;

const adminLog = [
  new Api.ChannelAdminLogEvent({
    id: bigInt('9000000000001'),
    date: at('2026-05-01T10:00:00Z'),
    userId: bigInt(1001),
    action: new Api.ChannelAdminLogEventActionParticipantJoin(),
  }),
  new Api.ChannelAdminLogEvent({
    id: bigInt('9000000000002'),
    date: at('2026-05-01T11:00:00Z'),
    userId: bigInt(1002),
    action: new Api.ChannelAdminLogEventActionParticipantJoinByInvite({
      invite: new Api.ChatInviteExported({
        link: 'https://t.me/+spring-campaign',
        adminId: bigInt(1001),
        date: at('2026-04-30T00:00:00Z'),
      }),
    }),
  }),
  new Api.ChannelAdminLogEvent({
    id: bigInt('9000000000003'),
    date: at('2026-05-01T12:00:00Z'),
    userId: bigInt(1001),
    action: new Api.ChannelAdminLogEventActionParticipantInvite({
      participant: new Api.ChannelParticipant({
        userId: bigInt(1003),
        date: at('2026-05-01T12:00:00Z'),
      }),
    }),
  }),
  new Api.ChannelAdminLogEvent({
    id: bigInt('9000000000004'),
    date: at('2026-05-02T09:00:00Z'),
    userId: bigInt(1002),
    action: new Api.ChannelAdminLogEventActionParticipantLeave(),
  }),
  new Api.ChannelAdminLogEvent({
    id: bigInt('9000000000005'),
    date: at('2026-05-02T09:30:00Z'),
    userId: bigInt(1001),
    action: new Api.ChannelAdminLogEventActionChangeTitle({ prevValue: 'a', newValue: 'b' }),
  }),
];

const participants = [
  new Api.ChannelParticipant({ userId: bigInt(1003), date: at('2026-05-01T12:00:00Z') }),
  new Api.ChannelParticipantSelf({
    userId: bigInt(1004),
    inviterId: bigInt(1001),
    date: at('2026-04-20T08:00:00Z'),
  }),
  new Api.ChannelParticipantCreator({
    userId: bigInt(1001),
    adminRights: new Api.ChatAdminRights({}),
  }),
];

describe('members from the admin log and participant lists', () => {
  it('stores joins, invite-link joins, invites and leaves once, however often they are read', async () => {
    const { db } = await useTestDb();
    const facts = [
      {
        kind: 'community' as const,
        telegramId: BOT_API_ID,
        type: 'supergroup' as const,
        title: 'G',
      },
      ...factsFromAdminLog(community, adminLog, users),
      ...factsFromParticipants(community, participants, users),
    ];
    await ingestBatch(db, facts);
    const again = await ingestBatch(db, facts);
    expect([again.memberships, again.duplicates]).toEqual([0, 6]);
    const rows = await db.execute(sql`
      select f.telegram_user_id::int as fan, m.action, m.source, m.invite_link,
        i.telegram_user_id::int as invited_by, m.occurred_at::text as at
      from memberships m join fans f on f.id = m.fan_id
      left join fans i on i.id = m.invited_by_fan_id
      order by m.occurred_at, fan`);
    expect(rows).toEqual([
      {
        fan: 1004,
        action: 'join',
        source: 'participants',
        invite_link: null,
        invited_by: 1001,
        at: '2026-04-20 08:00:00+00',
      },
      {
        fan: 1001,
        action: 'join',
        source: 'admin_log',
        invite_link: null,
        invited_by: null,
        at: '2026-05-01 10:00:00+00',
      },
      {
        fan: 1002,
        action: 'join',
        source: 'admin_log',
        invite_link: 'https://t.me/+spring-campaign',
        invited_by: null,
        at: '2026-05-01 11:00:00+00',
      },
      {
        fan: 1003,
        action: 'join',
        source: 'admin_log',
        invite_link: null,
        invited_by: 1001,
        at: '2026-05-01 12:00:00+00',
      },
      {
        fan: 1003,
        action: 'join',
        source: 'participants',
        invite_link: null,
        invited_by: null,
        at: '2026-05-01 12:00:00+00',
      },
      {
        fan: 1002,
        action: 'leave',
        source: 'admin_log',
        invite_link: null,
        invited_by: null,
        at: '2026-05-02 09:00:00+00',
      },
    ]);
  });
});
