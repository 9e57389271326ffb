import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { FanError, parseFanId } from '@/lib/fans/errors';

const statusOf: Record<FanError['code'], number> = {
  invalid: 400,
  confirm_mismatch: 400,
  not_found: 404,
  erased: 409,
};

/** A refused read or change as JSON {error, code}; the page shows its own words for `code`. */
export function fanErrorResponse(error: unknown): Response {
  if (!(error instanceof FanError)) throw error;
  return NextResponse.json(
    { error: error.message, code: error.code },
    { status: statusOf[error.code] },
  );
}

/** Runs `fn`, answering a FanError with its status instead of a 500. */
export async function respond(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (error) {
    return fanErrorResponse(error);
  }
}

export type FanRouteContext = { params: Promise<{ id: string }> };

/** The fan id of the route's [id] segment; FanError('invalid') when malformed. */
export async function fanIdOf(context: FanRouteContext): Promise<number> {
  return parseFanId((await context.params).id);
}

/** The request's JSON body as an object, else FanError('invalid'). */
export async function jsonObject(request: NextRequest): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new FanError('invalid', 'Invalid request: the body must be JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new FanError('invalid', 'Invalid request: the body must be a JSON object');
  return body as Record<string, unknown>;
}
