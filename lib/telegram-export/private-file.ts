import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

// The import reads an upload twice (check, then write), so it goes to disk first and
// memory stays flat however large the export. Other users of the machine must not read a
// community's export: a directory of its own (0700, mkdtemp's mode) and a file only this
// process's user may read (0600), both removed afterwards whatever happened.

/** Saves `body` to a private temporary file, runs `work` on its path, then removes both. */
export async function withPrivateFile<T>(
  body: ReadableStream<Uint8Array>,
  work: (file: string) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'fan-lifecycle-import-'));
  try {
    const file = path.join(dir, 'upload.json');
    await pipeline(
      Readable.fromWeb(body as WebReadableStream<Uint8Array>),
      createWriteStream(file, { flags: 'wx', mode: 0o600 }),
    );
    return await work(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
