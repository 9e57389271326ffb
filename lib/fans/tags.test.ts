import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { getFanProfile } from './profile';
import { tagName } from './schemas';
import { addFanTag, removeFanTag } from './tags';
import { seedFans, type FanIds } from './testing/fixture';

describe('tags', () => {
  let db: Database, id: FanIds, actor: number;

  beforeAll(async () => {
    db = (await useTestDb()).db;
    ({ id, actor } = await seedFans(db));
  });

  const audits = (action: string) =>
    db.execute<{ actor_user_id: number; entity_id: string; before: unknown; after: unknown }>(
      sql`select actor_user_id, entity_id, before, after from audit_log where action = ${action} order by id`,
    );

  it('adds by name, making the tag when new, and removes; each change audited', async () => {
    const first = await addFanTag(db, {
      fanId: id[12]!,
      name: tagName.parse('  VIP   buyer '),
      actorUserId: actor,
    });
    expect(first).toMatchObject({ tag: { name: 'VIP buyer' }, added: true });
    // The same tag in another case is the same tag; a second add changes nothing.
    expect(await addFanTag(db, { fanId: id[12]!, name: 'vip BUYER', actorUserId: actor })).toEqual({
      tag: first.tag,
      added: false,
    });
    await addFanTag(db, { fanId: id[11]!, name: 'vip buyer', actorUserId: actor });
    await addFanTag(db, { fanId: id[11]!, name: 'complained', actorUserId: actor });
    const [tags] = await db.execute<{ n: number }>(sql`select count(*)::int as n from tags`);
    expect(tags!.n).toBe(2);
    expect((await getFanProfile(db, id[12]!)).tags).toMatchObject([
      { id: first.tag.id, name: 'VIP buyer', addedBy: 'Sam Support' },
    ]);

    expect(
      await removeFanTag(db, { fanId: id[12]!, tagId: first.tag.id, actorUserId: actor }),
    ).toEqual({ removed: true });
    expect(
      await removeFanTag(db, { fanId: id[12]!, tagId: first.tag.id, actorUserId: actor }),
    ).toEqual({ removed: false });
    expect((await getFanProfile(db, id[12]!)).tags).toEqual([]);

    expect(await audits('fan.tag.add')).toEqual([
      {
        actor_user_id: actor,
        entity_id: String(id[12]),
        before: null,
        after: { tag: first.tag },
      },
      expect.objectContaining({ entity_id: String(id[11]) }),
      expect.objectContaining({ entity_id: String(id[11]) }),
    ]);
    expect(await audits('fan.tag.remove')).toEqual([
      {
        actor_user_id: actor,
        entity_id: String(id[12]),
        before: { tag: first.tag },
        after: null,
      },
    ]);
  });

  // Malformed names are refused by the route's schema (app/api/fans/fans-routes.test.ts).
  it('refuses a tag on an unknown fan', async () => {
    await expect(
      addFanTag(db, { fanId: 999_999, name: 'x', actorUserId: actor }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
