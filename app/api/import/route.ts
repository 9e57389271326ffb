// POST /api/import – a Telegram Desktop export (result.json) or a purchase CSV as the request
// body, told apart by its first bytes (not its name or declared type), through the same
// import as `npm run import`. Admins only, one import at a time (in any process); the report
// comes back as JSON with its kind, every refusal names the file as sent (X-File-Name), and
// both are recorded in the audit log (entity `telegram_export` or `purchase_csv`).
import { defineRoute } from '@/lib/api/define-route';
import { ApiError } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import { importMaxBytesOf } from '@/lib/env';
import { storableText } from '@/lib/ingest/storable-text';
import { importFileKind, type ImportFileKind } from '@/lib/revenue/import-file-kind';
import { importOrdersCsv, type OrdersCsvReport } from '@/lib/revenue/import-orders';
import { getDb, getExportSql } from '@/lib/server/db';
import { importExport, type ImportReport } from '@/lib/telegram-export/import-export';
import { withImportLock } from '@/lib/telegram-export/import-lock';
import { withPrivateFile } from '@/lib/telegram-export/private-file';
import { uploadedFileName } from '@/lib/telegram-export/uploaded-file-name';

export const dynamic = 'force-dynamic';

const maxBytes = importMaxBytesOf();

/** A refusal as the person should read it: about their file, never the server's copy. */
function refusal(error: unknown, name: string): unknown {
  if (error instanceof ApiError && error.code === 'payload_too_large')
    return new ApiError({
      code: error.code,
      message: `${name}: larger than the import limit of ${maxBytes} bytes (IMPORT_MAX_BYTES)`,
      fields: error.fields,
    });
  if (error instanceof ApiError && error.code === 'unsupported_media_type')
    return new ApiError({ code: error.code, message: `${name}: ${error.message}` });
  return error;
}

/** What the person sent, as far as is known before its first bytes are read. */
const declaredKind = (request: Request): ImportFileKind =>
  request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() === 'text/csv'
    ? 'purchase_csv'
    : 'telegram_export';

/** Records a failed import; an unknown failure only as having happened (see the log). */
async function auditFailure(userId: number, name: string, error: unknown, kind: ImportFileKind) {
  // An unknown failure is logged with its reference by defineRoute; its text may name
  // server internals, so the audit says only that it happened.
  const known = error instanceof ApiError;
  await recordAudit(getDb(), {
    actorUserId: userId,
    entity: kind,
    entityId: name,
    action: 'import.failed',
    after: {
      code: known ? error.code : 'internal',
      reason: known ? storableText(error.message) : 'server error (see the server log)',
    },
  }).catch((auditError: unknown) =>
    console.error(
      JSON.stringify({ level: 'error', audit: 'import.failed', auditError: String(auditError) }),
    ),
  );
}

const fileNameOf = (request: Request) => uploadedFileName(request.headers.get('x-file-name'));

export const POST = defineRoute(
  {
    permission: 'import',
    upload: {
      types: ['application/json', 'text/csv'],
      maxBytes,
      // Refused before reading (type, declared size): named and audited like the rest.
      onRefused: async (error, { request, user }) => {
        const worded = refusal(error, fileNameOf(request)) as ApiError;
        await auditFailure(user.id, fileNameOf(request), worded, declaredKind(request));
        return worded;
      },
    },
  },
  async ({ request, user, upload }) => {
    const name = fileNameOf(request);
    const db = getDb();
    let kind = declaredKind(request);
    try {
      const imported = await withImportLock(getExportSql(), name, () =>
        withPrivateFile(
          upload!,
          async (
            file,
          ): Promise<
            | { kind: 'telegram_export'; report: ImportReport }
            | { kind: 'purchase_csv'; report: OrdersCsvReport }
          > => {
            kind = await importFileKind(file);
            return kind === 'purchase_csv'
              ? { kind, report: await importOrdersCsv(db, file, { name }) }
              : { kind, report: await importExport(db, file, { name }) };
          },
        ),
      );
      const audit = { actorUserId: user.id, entity: imported.kind, entityId: name };
      if (imported.kind === 'purchase_csv') {
        const { report } = imported;
        await recordAudit(db, {
          ...audit,
          action: 'import',
          after: {
            rows: report.rows,
            added: report.added,
            unlinked: { customers: report.unlinked.customers, orders: report.unlinked.orders },
            badRows: report.badRows.count,
          },
        });
      } else {
        const { report } = imported;
        await recordAudit(db, {
          ...audit,
          action: 'import',
          after: {
            communities: report.communities.length,
            fans: report.fans,
            added: report.added,
            cleaned: report.unstorable.cleaned,
            setAside: report.unstorable.setAside,
          },
        });
      }
      return imported;
    } catch (thrown) {
      const error = refusal(thrown, name);
      await auditFailure(user.id, name, error, kind);
      throw error;
    }
  },
);
