import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { auditLog, users } from '../../db/schema';
import { auditPageSize, type AuditQuery } from './schemas';

export interface AuditEntryRow {
  id: number;
  at: Date;
  actor: { id: number; name: string; email: string } | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

export type ListAuditParams = Omit<AuditQuery, 'format'>;

function conditions({ actor, action, from, to, after }: ListAuditParams): SQL | undefined {
  const where: (SQL | undefined)[] = [];
  if (actor !== undefined) where.push(eq(auditLog.actorUserId, actor));
  if (action !== undefined) where.push(eq(auditLog.action, action));
  if (from) where.push(gte(auditLog.at, from));
  if (to) where.push(lt(auditLog.at, to));
  if (after !== undefined) where.push(lt(auditLog.id, after));
  return and(...where);
}

/** One page of the audit log, newest first (keyset on id), with who did it. */
export async function listAudit(
  db: Executor,
  params: ListAuditParams,
): Promise<{ entries: AuditEntryRow[]; nextCursor: number | null }> {
  const limit = params.limit ?? auditPageSize;
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorId: users.id,
      actorName: users.name,
      actorEmail: users.email,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(conditions(params))
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  const entries = rows.slice(0, limit).map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actorId === null ? null : { id: r.actorId, name: r.actorName!, email: r.actorEmail! },
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    before: r.before,
    after: r.after,
  }));
  const last = entries.at(-1);
  return {
    entries,
    nextCursor: rows.length > limit && last ? last.id : null,
  };
}

/** The filters' choices: every action recorded, and every person who did something. */
export async function getAuditFilterOptions(db: Executor) {
  const actions = await db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .orderBy(auditLog.action);
  const actors = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(sql`exists (select 1 from audit_log a where a.actor_user_id = ${users.id})`)
    .orderBy(users.name);
  return { actions: actions.map((a) => a.action), actors };
}
