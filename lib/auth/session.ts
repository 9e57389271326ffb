import 'server-only';
import { getToken } from 'next-auth/jwt';
import { getDb } from '../server/db';
import { authOptions } from './options';
import { findActiveUser, type SessionUser } from './users';

/** Where a session cookie can be read: a NextRequest, or `{ cookies: await cookies() }`. */
export type CookieSource = Parameters<typeof getToken>[0]['req'];

/**
 * The person a request's session cookie names, as the users table says they are now: null
 * without a valid cookie, or when the user is gone or disabled. The one session check of
 * pages and route handlers alike.
 */
export async function sessionUserOf(req: CookieSource): Promise<SessionUser | null> {
  const token = await getToken({ req, secret: authOptions.secret });
  const id = token?.uid;
  if (typeof id !== 'number') return null;
  return findActiveUser(getDb(), id);
}
