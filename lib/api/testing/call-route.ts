import { encode } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import type { Role } from '../../../db/schema/accounts';

// Route handlers called as Next calls them, with a real session cookie: for tests of the
// route contract and of each route's answers, against the test database.

export const testAuthSecret = 'test-secret-test-secret-test-secret-0123456789';

/**
 * The cookie next-auth would set for this user (same secret as the route reads), carrying
 * their session version: the user's own (e.g. from createUser) else 1, a new user's.
 */
export async function sessionCookie(user: {
  id: number;
  role: Role;
  email?: string;
  sessionVersion?: number;
}) {
  const token = await encode({
    token: {
      uid: user.id,
      role: user.role,
      sv: user.sessionVersion ?? 1,
      email: user.email ?? '',
      name: 'test',
    },
    secret: process.env.AUTH_SECRET ?? testAuthSecret,
  });
  return `next-auth.session-token=${token}`;
}

export interface CallOptions {
  method?: string;
  /** Query string values. */
  query?: Record<string, string>;
  /** The path's [segments]. */
  params?: Record<string, string>;
  /** A JSON body (sent as application/json unless `contentType` says otherwise). */
  json?: unknown;
  /** A raw body. */
  raw?: BodyInit;
  contentType?: string;
  cookie?: string;
  headers?: Record<string, string>;
}

type Handler = (
  request: NextRequest,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

export async function callRoute(handler: Handler, path: string, options: CallOptions = {}) {
  const url = new URL(path, 'http://127.0.0.1:3000');
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
  const headers = new Headers({ host: url.host, ...options.headers });
  if (options.cookie) headers.set('cookie', options.cookie);
  let body: BodyInit | undefined = options.raw;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers.set('content-type', options.contentType ?? 'application/json');
  } else if (options.contentType) headers.set('content-type', options.contentType);
  const request = new NextRequest(url, {
    method: options.method ?? 'GET',
    headers,
    body,
    // Node's fetch needs this for a streamed request body.
    ...(body ? { duplex: 'half' } : {}),
  } as ConstructorParameters<typeof NextRequest>[1]);
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: response.status, headers: response.headers, text, json };
}
