import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { ingestBatch } from '../ingest';
import { eraseConfirmation, eraseFan } from './erase-fan';
import { exportFan } from './export-fan';
import { getFanProfile } from './profile';
import { tagName } from './schemas';
import { addFanTag } from './tags';
import { fanFinder, seedFans, type FanIds } from './testing/fixture';

describe('privacy', () => {
  let db: Database, id: FanIds, actor: number;

  beforeAll(async () => {
    db = (await useTestDb()).db;
    ({ id, actor } = await seedFans(db));
    // Fan 11 carries two tags, as the tags tests once left it: the export lists them
    // and the erasure removes them.
    for (const name of ['VIP buyer', 'complained'])
      await addFanTag(db, { fanId: id[11]!, name: tagName.parse(name), actorUserId: actor });
  });

  const { find } = fanFinder(() => db);

  it('exports everything held about the fan, and audits it without the data', async () => {
    const data = await exportFan(db, id[11]!, { actorUserId: actor });
    expect(data.fan).toMatchObject({
      id: id[11],
      telegram_user_id: 11,
      username: 'Anna_Lee',
      first_name: 'Anna',
      last_name: 'Lee',
      language_code: 'en',
      erased_at: null,
    });
    expect(data.externalIds).toEqual([
      { system: 'shop', external_id: '987654' },
      { system: 'shop', external_id: 'C-1042' },
      { system: 'shop', external_id: 'tg:11' },
    ]);
    expect(data.memberships.map((m) => [m.community, m.action, m.invite_link])).toEqual([
      ['Fan group', 'join', 'https://t.me/+just-for-anna'],
      ['Fan channel', 'join', null],
      ['Fan channel', 'leave', null],
    ]);
    expect(data.events.map((e) => [e.type, e.text])).toEqual([
      ['message', 'Hi, I am Anna, call me on 555-0101'],
      ['reaction', null],
      ['reply', 'again'],
    ]);
    expect(data.purchases).toMatchObject([{ amount: '120.00', currency: 'CNY' }]);
    expect(data.stageHistory.map((h) => h.to_stage)).toEqual(['new', 'high_value']);
    expect(data.currentStage).toMatchObject({ stage: 'high_value' });
    expect(data.tags.map((t) => t.name)).toEqual(['complained', 'VIP buyer']);
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);

    const [audit] = await db.execute<{ actor_user_id: number; after: unknown }>(
      sql`select actor_user_id, after from audit_log where action = 'fan.export' and entity_id = ${String(id[11])}`,
    );
    expect(audit).toEqual({
      actor_user_id: actor,
      after: { events: 3, memberships: 3, purchases: 1, stageChanges: 2 },
    });
  });

  it('erases personal data, keeps the counts, cannot be found, and is idempotent', async () => {
    const counts = () =>
      db.execute(sql`select
        (select count(*) from events where fan_id = ${id[11]}) as events,
        (select json_agg(d order by community_id, day) from fan_daily d where fan_id = ${id[11]}) as daily,
        (select json_agg(p.amount order by p.id) from purchases p where fan_id = ${id[11]}) as purchases,
        (select count(*) from fan_stage_history where fan_id = ${id[11]}) as stage_changes,
        (select count(*) from memberships where fan_id = ${id[11]}) as memberships,
        (select count(*) from memberships where invited_by_fan_id = ${id[11]}) as invited,
        (select stage from fan_lifecycle where fan_id = ${id[11]}) as stage,
        (select count(*) from fans) as fans`);
    const before = await counts();

    await expect(
      eraseFan(db, id[11]!, { actorUserId: actor, confirm: 'Anna' }),
    ).rejects.toMatchObject({ code: 'confirm_mismatch' });
    expect((await getFanProfile(db, id[11]!)).erased).toBe(false);

    const result = await eraseFan(db, id[11]!, {
      actorUserId: actor,
      confirm: eraseConfirmation(id[11]!),
    });
    expect(result.erased).toBe(true);
    expect(await counts()).toEqual(before);

    const profile = await getFanProfile(db, id[11]!);
    expect(profile).toMatchObject({
      erased: true,
      erasedAt: result.erasedAt,
      telegramUserId: null,
      username: null,
      firstName: null,
      lastName: null,
      languageCode: null,
      externalIds: [],
      tags: [],
    });
    expect(profile.memberships.flatMap((m) => m.records.map((r) => r.inviteLink))).toEqual([
      null,
      null,
      null,
    ]);
    const payloads = await db.execute<{ payload: unknown }>(
      sql`select payload from events where fan_id = ${id[11]} order by occurred_at`,
    );
    expect(payloads.map((p) => p.payload)).toEqual([
      { message_id: 7 },
      { message_id: 8, emoji: '👍' },
      { message_id: 9, reply_to: 7 },
    ]);
    expect(
      await db.execute(sql`select event_id from event_texts where fan_id = ${id[11]}`),
    ).toEqual([]);
    expect(
      (await exportFan(db, id[11]!, { actorUserId: actor })).events.map((e) => e.text),
    ).toEqual([null, null, null]);
    const [{ n: tagRows } = { n: -1 }] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from fan_tags where fan_id = ${id[11]}`,
    );
    expect(tagRows).toBe(0);

    // Not found by its old keys; only by its number.
    for (const q of ['@anna_lee', 'Anna', 'anna lee', 'Lee', 'C-1042', '987654', '11'])
      expect(
        (await find(q)).map((r) => r.id),
        q,
      ).not.toContain(id[11]);
    expect(await find('#' + id[11])).toMatchObject([
      { id: id[11], erased: true, telegramUserId: null, username: null, firstName: null },
    ]);
    // Others who name it still do so by number.
    expect((await getFanProfile(db, id[12]!)).memberships[0]!.records[0]!.invitedBy).toEqual({
      id: id[11],
      username: null,
      firstName: null,
      lastName: null,
      erased: true,
    });

    // The audit row says who, which fan and when, and nothing of the person.
    const audit = await db.execute<{ actor_user_id: number; after: unknown; at: string }>(
      sql`select actor_user_id, after, at from audit_log where action = 'fan.erase' and entity_id = ${String(id[11])}`,
    );
    expect(audit).toEqual([
      {
        actor_user_id: actor,
        at: expect.any(String),
        after: {
          removed: {
            externalIds: 3,
            tags: 2,
            messageTexts: 2,
            eventPayloads: 0,
            inviteLinks: 1,
            orderIds: 1,
            sourceKeys: 7,
          },
        },
      },
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/anna|lee|1042|555|just-for/i);

    // Again: nothing changes, no second audit row.
    const snapshot = await db.execute(sql`select * from fans where id = ${id[11]}`);
    expect(
      await eraseFan(db, id[11]!, { actorUserId: actor, confirm: eraseConfirmation(id[11]!) }),
    ).toEqual({ erased: false, erasedAt: result.erasedAt });
    expect(await db.execute(sql`select * from fans where id = ${id[11]}`)).toEqual(snapshot);
    const [{ n } = { n: -1 }] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'fan.erase'`,
    );
    expect(n).toBe(1);
    await expect(
      addFanTag(db, { fanId: id[11]!, name: 'again', actorUserId: actor }),
    ).rejects.toMatchObject({ code: 'erased' });

    // The next sync's profile of that Telegram user brings nobody back (erase-holds.test.ts
    // has the whole of it).
    const fans = await db.execute(sql`select count(*) from fans`);
    expect(
      await ingestBatch(db, [
        { kind: 'fan', telegramUserId: 11, username: 'Anna_Lee', firstName: 'Anna' },
      ]),
    ).toMatchObject({ newFans: 0, erased: 1 });
    expect((await getFanProfile(db, id[11]!)).username).toBeNull();
    expect(await find('@anna_lee')).toEqual([]);
    expect(await db.execute(sql`select count(*) from fans`)).toEqual(fans);
  });
});
