import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import type { z } from 'zod';
import { defaultMaxBodyBytes, serverFailure } from './define-route';
import { ApiError, invalidInput } from './errors';
import { readCappedBytes } from './request-body';

// The one exception to defineRoute's session check: a route that a program (a shop's
// webhook), not a person, calls. It has no session and no role; the request is
// authenticated by a signature over its raw body instead, checked before the body is
// read as JSON. Otherwise as defineRoute: the body capped, validated with zod (fields
// named by their path, e.g. `order.amount`), every error in the one shape. Every route
// made with it is listed in lib/api/testing/route-table.ts and tested there as such.

export interface SignedRouteSpec<S, B extends z.ZodType> {
  /** The header that carries the signature, e.g. `x-signature`. */
  signatureHeader: string;
  /**
   * Checks the signature over the body's bytes and returns who signed; throws an ApiError
   * (401) when it does not match. Runs before the body is parsed.
   */
  verify: (input: { request: NextRequest; rawBody: Buffer }) => Promise<S>;
  /** The JSON body. */
  body: B;
  maxBodyBytes?: number;
}

export interface SignedRouteInput<S, B> {
  request: NextRequest;
  signer: S;
  body: B;
}

export type SignedRouteHandler = ((request: NextRequest) => Promise<Response>) & {
  signedContract: { signatureHeader: string; maxBodyBytes: number };
};

function parseJson(rawBody: Buffer): unknown {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(rawBody);
    return JSON.parse(text);
  } catch {
    throw new ApiError({ code: 'invalid_json', message: 'The body is not valid UTF-8 JSON' });
  }
}

export function defineSignedRoute<S, B extends z.ZodType>(
  spec: SignedRouteSpec<S, B>,
  handler: (input: SignedRouteInput<S, z.output<B>>) => Promise<Response | object>,
): SignedRouteHandler {
  const maxBodyBytes = spec.maxBodyBytes ?? defaultMaxBodyBytes;
  const route = async (request: NextRequest): Promise<Response> => {
    try {
      const rawBody = await readCappedBytes(request, maxBodyBytes);
      const signer = await spec.verify({ request, rawBody });
      const parsed = spec.body.safeParse(parseJson(rawBody));
      if (!parsed.success) throw invalidInput(parsed.error);
      const result = await handler({ request, signer, body: parsed.data });
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (thrown) {
      const error = thrown instanceof ApiError ? thrown : serverFailure(thrown, request, null);
      return NextResponse.json(error.toBody(), {
        status: error.status,
        headers: { 'cache-control': 'no-store' },
      });
    }
  };
  return Object.assign(route, {
    signedContract: { signatureHeader: spec.signatureHeader, maxBodyBytes },
  });
}
