import 'server-only';
import { getToken } from 'next-auth/jwt';
import { checkWebEnv } from '../env';
import { getDb } from '../server/db';
import { findActiveUser, type SessionUser } from './user-queries';

/** Where a session cookie can be read: a NextRequest, or `{ cookies: await cookies() }`. */
export interface CookieSource {
  cookies: { getAll(): { name: string; value: string }[] };
  headers?: Headers;
}

/**
 * The person a request's session cookie names, as the users table says they are now: null
 * without a valid cookie, when the user is gone or disabled, or when the token's session
 * version is not the user's current one (they signed out, were disabled, or their role or
 * password changed since). The one session check of pages and route handlers alike.
 */
export async function sessionUserOf(req: CookieSource): Promise<SessionUser | null> {
  const token = await getToken({
    // next-auth reads only getAll() of the cookies (and the headers, for a bearer token).
    req: req as Parameters<typeof getToken>[0]['req'],
    secret: checkWebEnv().authSecret,
  });
  const id = token?.uid;
  const version = token?.sv;
  if (typeof id !== 'number' || typeof version !== 'number') return null;
  const user = await findActiveUser(getDb(), id);
  return user && user.sessionVersion === version ? user : null;
}
