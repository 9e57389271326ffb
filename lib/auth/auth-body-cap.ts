import 'server-only';
import { NextRequest, NextResponse } from 'next/server';
import { ApiError } from '../api/errors';
import { readCappedBody } from '../api/request-body';

// next-auth reads a POST body whole (the sign-in form, sign-out, the CSRF check) before
// anything looks at it. Ours are a few hundred bytes: an email of at most 254 characters
// and a password of at most 1000, percent-encoded. Anything past the cap is refused (413)
// before next-auth sees it, without reading the rest.
export const maxAuthBodyBytes = 16 * 1024;

type Handler<C> = (request: NextRequest, context: C) => Promise<Response>;

export function withAuthBodyCap<C>(handler: Handler<C>, max = maxAuthBodyBytes): Handler<C> {
  return async (request, context) => {
    if (request.method !== 'POST') return handler(request, context);
    let body: string;
    try {
      body = await readCappedBody(request, max);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return NextResponse.json(error.toBody(), { status: error.status });
    }
    const capped = new NextRequest(request.url, {
      method: request.method,
      headers: request.headers,
      body,
    });
    return handler(capped, context);
  };
}
