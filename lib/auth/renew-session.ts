import 'server-only';
import { encode, getToken } from 'next-auth/jwt';
import type { NextRequest, NextResponse } from 'next/server';
import { checkWebEnv } from '../env';
import { sessionMaxAgeSeconds } from './options';
import type { SessionUser } from './user-queries';

// After a change that ends every session of the person making it (their own password, or
// an admin's own role), this browser gets a new session at the new version, so only the
// other devices are signed out. Same cookie as next-auth's: name, flags and lifetime.

const secureCookies = () => process.env.NEXTAUTH_URL?.startsWith('https://') ?? false;
const cookieName = () =>
  secureCookies() ? '__Secure-next-auth.session-token' : 'next-auth.session-token';

export async function renewSession(
  request: NextRequest,
  response: NextResponse,
  user: SessionUser,
): Promise<NextResponse> {
  const secret = checkWebEnv().authSecret;
  const previous = await getToken({ req: request, secret });
  const token = await encode({
    token: {
      name: previous?.name ?? user.name,
      email: previous?.email ?? user.email,
      sub: String(user.id),
      uid: user.id,
      role: user.role,
      sv: user.sessionVersion,
    },
    secret,
    maxAge: sessionMaxAgeSeconds,
  });
  response.cookies.set(cookieName(), token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: secureCookies(),
    expires: new Date(Date.now() + sessionMaxAgeSeconds * 1000),
  });
  return response;
}
