import type { Executor } from '../../db/client';
import { auditLog } from '../../db/schema';

// The one way anything is written to audit_log: who (null for the system or a CLI without
// a user), what (`<entity>.<verb>`, e.g. `rule_set.publish`), on which entity, and the
// before/after that matter. Never a password, a secret or a fan's personal data.

export interface AuditEntry {
  actorUserId: number | null;
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Writes one audit row; pass the transaction of the change so both land or neither. */
export async function recordAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorUserId: entry.actorUserId,
    action: entry.action,
    entity: entry.entity,
    entityId:
      entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
