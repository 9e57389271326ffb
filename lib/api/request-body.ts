import 'server-only';
import type { NextRequest } from 'next/server';
import { ApiError } from './errors';

const tooLarge = (max: number) =>
  new ApiError({
    code: 'payload_too_large',
    message: `The request body is larger than ${max} bytes`,
    fields: [{ path: 'body', code: 'too_big', message: 'too large', maximum: max }],
  });

function declaredLength(request: NextRequest, max: number) {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > max) throw tooLarge(max);
}

/** The body as text, refused (413) past `max` bytes without reading the rest. */
export async function readCappedBody(request: NextRequest, max: number): Promise<string> {
  return new TextDecoder('utf-8', { fatal: false }).decode(await readCappedBytes(request, max));
}

/** The body's bytes as sent (e.g. for a signature over them), refused (413) past `max` bytes. */
export async function readCappedBytes(request: NextRequest, max: number): Promise<Buffer> {
  declaredLength(request, max);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The body as a stream that fails with a 413 ApiError once it passes `max` bytes. */
export function cappedStream(request: NextRequest, max: number): ReadableStream<Uint8Array> {
  declaredLength(request, max);
  let size = 0;
  const source = request.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() });
  return source.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > max) controller.error(tooLarge(max));
        else controller.enqueue(chunk);
      },
    }),
  );
}
