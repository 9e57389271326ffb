import { open } from 'node:fs/promises';

// What `npm run import` and the Import page were given, told by the file's first bytes
// rather than its name: a Telegram Desktop export is a JSON object, so its first character
// (after a byte order mark and white space) is "{"; anything else is read as a purchase
// CSV, whose header then says whether it is one. An empty file is the export's to refuse.

export type ImportFileKind = 'telegram_export' | 'purchase_csv';

/** The kind of a file that starts with `start`. */
export function importKindOf(start: string): ImportFileKind {
  const text = start.replace(/^\ufeff/, '').trimStart();
  return text === '' || text.startsWith('{') || text.startsWith('[')
    ? 'telegram_export'
    : 'purchase_csv';
}

/** The kind of `file`, from its first kilobytes. */
export async function importFileKind(file: string): Promise<ImportFileKind> {
  const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'ENOENT' ? new Error(`${file}: no such file`) : error;
  });
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    return importKindOf(buffer.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}
