// POST /api/import – a Telegram Desktop export (result.json) as the request body, through
// the same import as `npm run import`. Admins only; the report comes back as JSON.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { NextResponse } from 'next/server';
import { auditLog } from '@/db/schema';
import { guardRoute } from '@/lib/auth/guard';
import { getDb } from '@/lib/server/db';
import { ExportFormatError } from '@/lib/telegram-export/errors';
import { importExport } from '@/lib/telegram-export/import-export';

export const dynamic = 'force-dynamic';

/** The uploaded file's name as the browser sent it (URI-encoded), for the report and audit. */
function fileName(header: string | null): string {
  try {
    return decodeURIComponent(header ?? '').slice(0, 255) || 'result.json';
  } catch {
    return 'result.json';
  }
}

export const POST = guardRoute('import', async (request, _context: unknown, user) => {
  if (!request.body)
    return NextResponse.json(
      { error: 'Send the export file as the request body' },
      { status: 400 },
    );
  // The import reads the file twice (check, then write), so the upload is streamed to disk
  // first; memory stays flat however large the export.
  const file = path.join(tmpdir(), `fan-lifecycle-import-${randomUUID()}.json`);
  try {
    await pipeline(
      Readable.fromWeb(request.body as WebReadableStream<Uint8Array>),
      createWriteStream(file),
    );
    const db = getDb();
    const report = await importExport(db, file);
    const name = fileName(request.headers.get('x-file-name'));
    await db.insert(auditLog).values({
      actorUserId: user.id,
      action: 'import',
      entity: 'telegram_export',
      entityId: name,
      after: { communities: report.communities.length, fans: report.fans, added: report.added },
    });
    return NextResponse.json({ report: { ...report, file: name } });
  } catch (error) {
    if (error instanceof ExportFormatError)
      return NextResponse.json({ error: error.message }, { status: 400 });
    throw error;
  } finally {
    await rm(file, { force: true });
  }
});
