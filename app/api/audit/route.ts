// GET /api/audit?actor&action&from&to&after&limit[&format=csv] – the audit log, newest
// first in keyset pages; as CSV, every matching row (the download itself is audited).
import { defineRoute } from '@/lib/api/define-route';
import { listAudit } from '@/lib/audit/queries';
import { recordAudit } from '@/lib/audit/record-audit';
import { csvText } from '@/lib/csv/csv-writer';
import { auditQuerySchema } from '@/lib/audit/schemas';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

/** A CSV download holds at most this many rows; narrow the filters for more. */
const csvRowCap = 100_000;

export const GET = defineRoute(
  { permission: 'audit', query: auditQuerySchema },
  async ({ query: { format, ...filters }, user }) => {
    const db = getDb();
    if (format !== 'csv') return listAudit(db, filters);
    const { entries } = await listAudit(db, { ...filters, after: undefined, limit: csvRowCap });
    await recordAudit(db, {
      actorUserId: user.id,
      action: 'audit.export',
      entity: 'audit_log',
      after: { filters: { ...filters, after: undefined }, rows: entries.length },
    });
    const csv = csvText(
      ['id', 'at', 'actor', 'action', 'entity', 'entity_id', 'before', 'after'],
      entries.map((e) => [
        e.id,
        e.at.toISOString(),
        e.actor?.email ?? '',
        e.action,
        e.entity,
        e.entityId ?? '',
        e.before === null ? '' : JSON.stringify(e.before),
        e.after === null ? '' : JSON.stringify(e.after),
      ]),
    );
    return new Response(csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`,
        'cache-control': 'no-store',
      },
    });
  },
);
