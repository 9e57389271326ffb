import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { recordAudit } from '../audit/record-audit';
import { FanError } from './errors';
import { assertFan } from './profile';

// Tags on one fan, added by name (a new name makes the tag) and removed; each change is
// written to audit_log with the acting user in the same transaction.

export interface FanTag {
  id: number;
  name: string;
  addedAt: string;
  /** The dashboard user who added it, when known. */
  addedBy: string | null;
}

export async function listFanTags(db: Executor, fanId: number): Promise<FanTag[]> {
  const rows = await db.execute<{
    id: number;
    name: string;
    added_at: string;
    added_by: string | null;
  }>(sql`
    select t.id, t.name,
      to_char(ft.added_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as added_at,
      u.name as added_by
    from fan_tags ft join tags t on t.id = ft.tag_id left join users u on u.id = ft.added_by
    where ft.fan_id = ${fanId}
    order by lower(t.name), t.id`);
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    addedAt: r.added_at,
    addedBy: r.added_by,
  }));
}

/**
 * Tags the fan with `name` (as tagName in ./schemas.ts reads it): an existing tag of that name (in any letter case) or a new
 * one. Tagging twice changes nothing and writes no second audit row. An erased fan takes
 * no tags.
 */
export async function addFanTag(
  db: Executor,
  { fanId, name, actorUserId }: { fanId: number; name: string; actorUserId: number | null },
): Promise<{ tag: { id: number; name: string }; added: boolean }> {
  return db.transaction(async (tx) => {
    const { erased } = await assertFan(tx, fanId, { lock: true });
    if (erased) throw new FanError('erased', `Fan #${fanId} was erased; it takes no tags`);
    await tx.execute(sql`insert into tags (name) select ${name}
      where not exists (select 1 from tags where lower(name) = lower(${name}))
      on conflict (name) do nothing`);
    const [tag] = await tx.execute<{ id: number; name: string }>(
      sql`select id, name from tags where lower(name) = lower(${name}) order by name = ${name} desc, id limit 1`,
    );
    const inserted = await tx.execute(sql`
      insert into fan_tags (fan_id, tag_id, added_by) values (${fanId}, ${tag!.id}, ${actorUserId})
      on conflict do nothing returning tag_id`);
    const added = inserted.length > 0;
    const result = { id: Number(tag!.id), name: tag!.name };
    if (added)
      await recordAudit(tx, {
        actorUserId,
        action: 'fan.tag.add',
        entity: 'fan',
        entityId: fanId,
        after: { tag: result },
      });
    return { tag: result, added };
  });
}

/** Takes the tag off the fan (the tag itself stays); a tag it does not have is a no-op. */
export async function removeFanTag(
  db: Executor,
  { fanId, tagId, actorUserId }: { fanId: number; tagId: number; actorUserId: number | null },
): Promise<{ removed: boolean }> {
  return db.transaction(async (tx) => {
    await assertFan(tx, fanId, { lock: true });
    const removed = await tx.execute<{ id: number; name: string }>(sql`
      delete from fan_tags ft using tags t
      where ft.fan_id = ${fanId} and ft.tag_id = ${tagId} and t.id = ft.tag_id
      returning t.id, t.name`);
    const row = removed[0];
    if (row)
      await recordAudit(tx, {
        actorUserId,
        action: 'fan.tag.remove',
        entity: 'fan',
        entityId: fanId,
        before: { tag: { id: Number(row.id), name: row.name } },
      });
    return { removed: row !== undefined };
  });
}
