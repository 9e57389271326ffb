import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { withPrivateFile } from './private-file';

const streamOf = (...chunks: (string | Error)[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks)
        if (chunk instanceof Error) return controller.error(chunk);
        else controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });

describe('withPrivateFile', () => {
  it('keeps the upload where only this user can read it, and removes it afterwards', async () => {
    let seen = '';
    const result = await withPrivateFile(streamOf('{"a":', '1}'), async (file) => {
      seen = file;
      expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      return readFileSync(file, 'utf8');
    });
    expect(result).toBe('{"a":1}');
    expect(existsSync(path.dirname(seen))).toBe(false);
  });

  it('removes it when the work fails, and when the upload fails midway (its error kept)', async () => {
    let seen = '';
    await expect(
      withPrivateFile(streamOf('x'), async (file) => {
        seen = file;
        throw new Error('import failed');
      }),
    ).rejects.toThrow('import failed');
    expect(existsSync(path.dirname(seen))).toBe(false);

    const tooLarge = new ApiError({ code: 'payload_too_large', message: 'too large' });
    const work = async () => 'never';
    await expect(withPrivateFile(streamOf('x', tooLarge), work)).rejects.toBe(tooLarge);
  });
});
