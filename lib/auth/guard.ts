import 'server-only';
import { cookies, headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { can, homePath, type Permission } from './permissions';
import { sessionUserOf } from './session';
import type { SessionUser } from './user-queries';

export type { SessionUser } from './user-queries';

/** The header proxy.ts sets to the requested path and query, for callbackUrl. */
export const requestPathHeader = 'x-request-path';

// The one session check (lib/auth/session.ts), read once per request (React cache) for the
// header and the page alike.
const readCurrentUser = cache(async (): Promise<SessionUser | null> =>
  sessionUserOf({ cookies: await cookies() }),
);

/** The signed-in user or null, e.g. for the header. */
export async function currentUser(): Promise<SessionUser | null> {
  return readCurrentUser();
}

/** The requested path and query (set by proxy.ts), for callbackUrl; '/' when unknown. */
async function requestPath(): Promise<string> {
  return (await headers()).get(requestPathHeader) ?? '/';
}

async function signInRedirect(): Promise<never> {
  redirect(`/signin?${new URLSearchParams({ callbackUrl: await requestPath() })}`);
}

/** For pages: the signed-in user, else a redirect to /signin?callbackUrl=<this page>. */
export async function requireUser(): Promise<SessionUser> {
  return (await readCurrentUser()) ?? signInRedirect();
}

/**
 * For server components and pages: redirects to /signin?callbackUrl=<path> without a
 * session; renders the 403 page (app/forbidden.tsx) when the role lacks the permission,
 * or with `{ otherwise: 'home' }` sends the person to their role's home instead (for the
 * front page, which every role opens first).
 */
export async function requirePermission(
  permission: Permission,
  { otherwise = 'forbidden' }: { otherwise?: 'forbidden' | 'home' } = {},
): Promise<SessionUser> {
  const user = await requireUser();
  if (can(user.role, permission)) return user;
  const home = homePath(user.role);
  if (otherwise === 'home' && new URL(await requestPath(), 'http://x').pathname !== home)
    redirect(home);
  forbidden();
}
