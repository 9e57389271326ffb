import type { Executor } from '../../db/client';
import { auditLog } from '../../db/schema';

/** Who did what to which fan. `details` must never hold the fan's personal data. */
export async function auditFan(
  db: Executor,
  {
    actorUserId,
    action,
    fanId,
    before,
    after,
  }: {
    actorUserId: number | null;
    action: string;
    fanId: number;
    before?: Record<string, unknown>;
    after?: Record<string, unknown>;
  },
): Promise<void> {
  await db.insert(auditLog).values({
    actorUserId,
    action,
    entity: 'fan',
    entityId: String(fanId),
    before: before ?? null,
    after: after ?? null,
  });
}
