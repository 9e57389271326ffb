import 'server-only';
import { randomBytes } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { sessionUserOf } from '../auth/session';
import { can, type Permission } from '../auth/permissions';
import type { SessionUser } from '../auth/users';
import { ApiError, invalidInput } from './errors';
import { readCappedBody, cappedStream } from './request-body';
import { checkOrigin } from './request-origin';

// The one wrapper around every route handler (the pattern of dub's withWorkspace): it
// checks the session and the permission, refuses a foreign origin and a body of the wrong
// type or size for anything that changes something, validates params, query and body with
// zod, and answers every error in one shape (lib/api/errors.ts).

/** JSON bodies are small: rule drafts, names, notes. Uploads declare their own cap. */
export const defaultMaxBodyBytes = 64 * 1024;

type AnyObject = z.ZodType<unknown, Record<string, unknown>>;

export interface UploadSpec {
  /** Accepted content types (without parameters), e.g. ['application/json']. */
  types: readonly string[];
  maxBytes: number;
  /**
   * An upload refused before the handler runs (wrong type, declared size over the cap):
   * the route may record it and word it for the person (e.g. naming their file).
   */
  onRefused?: (
    error: ApiError,
    input: { request: NextRequest; user: SessionUser },
  ) => Promise<ApiError>;
}

export interface RouteSpec<P extends AnyObject, Q extends AnyObject, B extends z.ZodType> {
  permission: Permission;
  /** The path's [segments]; malformed ones are a 400 naming `params.<name>`. */
  params?: P;
  /** The query string, one value per key. */
  query?: Q;
  /** A JSON body; routes that take none refuse one. */
  body?: B;
  /** A raw upload instead of JSON: the handler gets the stream, capped at `maxBytes`. */
  upload?: UploadSpec;
  maxBodyBytes?: number;
}

export interface RouteInput<P, Q, B> {
  request: NextRequest;
  user: SessionUser;
  params: P;
  query: Q;
  body: B;
  /** With `upload`: the request body, failing with a 413 past the cap. */
  upload: ReadableStream<Uint8Array> | null;
}

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

export type RouteHandler = ((request: NextRequest, context: RouteContext) => Promise<Response>) & {
  contract: RouteSpec<AnyObject, AnyObject, z.ZodType>;
};

const changesSomething = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);

function parse<T extends z.ZodType>(schema: T, input: unknown, prefix: string): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error, prefix);
  return parsed.data;
}

const mediaType = (request: NextRequest) =>
  (request.headers.get('content-type') ?? '').split(';', 1)[0]!.trim().toLowerCase();

async function readBody(request: NextRequest, spec: RouteSpec<AnyObject, AnyObject, z.ZodType>) {
  const max = spec.maxBodyBytes ?? defaultMaxBodyBytes;
  if (spec.upload) {
    if (!spec.upload.types.includes(mediaType(request)))
      throw new ApiError({
        code: 'unsupported_media_type',
        message: `Send the file as ${spec.upload.types.join(' or ')}`,
      });
    return { body: undefined, upload: cappedStream(request, spec.upload.maxBytes) };
  }
  const text = await readCappedBody(request, max);
  if (!spec.body) {
    if (text.length > 0)
      throw new ApiError({ code: 'invalid', message: 'This request takes no body' });
    return { body: undefined, upload: null };
  }
  if (mediaType(request) !== 'application/json')
    throw new ApiError({
      code: 'unsupported_media_type',
      message: 'Send the body as application/json',
    });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError({ code: 'invalid_json', message: 'The body is not valid JSON' });
  }
  return { body: parse(spec.body, json, 'body'), upload: null };
}

/** A 5xx: logged with what finds its cause, answered with a reference to it. */
export function serverFailure(error: unknown, request: NextRequest, user: SessionUser | null) {
  const ref = randomBytes(6).toString('hex');
  console.error(
    JSON.stringify({
      level: 'error',
      ref,
      method: request.method,
      path: request.nextUrl.pathname,
      user: user?.id ?? null,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    }),
  );
  return new ApiError({
    code: 'internal',
    message: `Something went wrong on the server. Reference ${ref}: the administrator finds it in the server log.`,
    ref,
  });
}

export function defineRoute<
  P extends AnyObject = z.ZodObject<Record<string, never>>,
  Q extends AnyObject = z.ZodObject<Record<string, never>>,
  B extends z.ZodType = z.ZodUndefined,
>(
  spec: RouteSpec<P, Q, B>,
  handler: (input: RouteInput<z.output<P>, z.output<Q>, z.output<B>>) => Promise<Response | object>,
): RouteHandler {
  const route = async (request: NextRequest, context: RouteContext): Promise<Response> => {
    let user: SessionUser | null = null;
    try {
      user = await sessionUserOf(request);
      if (!user) throw new ApiError({ code: 'unauthorized', message: 'Sign in first' });
      if (!can(user.role, spec.permission))
        throw new ApiError({
          code: 'forbidden',
          message: `The ${user.role} role may not use this (${spec.permission})`,
        });
      if (changesSomething(request.method)) checkOrigin(request);
      const params = parse(
        (spec.params ?? z.object({})) as P,
        (await context.params) ?? {},
        'params',
      );
      const query = parse(
        (spec.query ?? z.object({})) as Q,
        Object.fromEntries(request.nextUrl.searchParams),
        'query',
      );
      const { body, upload } = await readBody(
        request,
        spec as RouteSpec<AnyObject, AnyObject, z.ZodType>,
      ).catch(async (error: unknown) => {
        const onRefused = spec.upload?.onRefused;
        throw onRefused && error instanceof ApiError
          ? await onRefused(error, { request, user: user! })
          : error;
      });
      const result = await handler({
        request,
        user,
        params,
        query,
        body: body as z.output<B>,
        upload,
      });
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (thrown) {
      const error = thrown instanceof ApiError ? thrown : serverFailure(thrown, request, user);
      return NextResponse.json(error.toBody(), {
        status: error.status,
        headers: { 'cache-control': 'no-store' },
      });
    }
  };
  return Object.assign(route, {
    contract: spec as unknown as RouteSpec<AnyObject, AnyObject, z.ZodType>,
  });
}
