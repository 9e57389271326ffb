import 'server-only';
import type { AuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { headers } from 'next/headers';
import { checkWebEnv } from '../env';
import { getDb } from '../server/db';
import { clientAddress, trustedProxiesFromEnv } from './client-address';
import { signInWithPassword } from './sign-in';
import { findActiveUser } from './user-queries';
import { rateLimitedErrorMessage } from './sign-in-errors';
import { endSessions } from './users';

/** How long a session lasts without signing in again. */
export const sessionMaxAgeSeconds = 7 * 24 * 3600;

// next-auth v4: email and password, checked against the users table under the rate limit;
// a signed JWT in an http-only cookie holds the user's id, role and session version. Every
// server check re-reads the user (lib/auth/session.ts) and refuses a token whose version is
// not the user's current one, so signing out, disabling, a role or password change end
// every earlier session at its next request.
export const authOptions: AuthOptions = {
  // Read at each use, so a missing or short AUTH_SECRET fails the first sign-in or session
  // check with a message saying how to set it, in every mode (next-auth would otherwise
  // make one up in development).
  get secret() {
    return checkWebEnv().authSecret;
  },
  session: { strategy: 'jwt', maxAge: sessionMaxAgeSeconds },
  pages: { signIn: '/signin', error: '/signin' },
  providers: [
    CredentialsProvider({
      name: 'email',
      credentials: {
        email: { label: 'Email', type: 'email' },
        password: { label: 'Password', type: 'password' },
      },
      async authorize(credentials, request) {
        const email = credentials?.email;
        const password = credentials?.password;
        if (typeof email !== 'string' || typeof password !== 'string') return null;
        const result = await signInWithPassword(getDb(), {
          email,
          password,
          address: clientAddress(request?.headers, trustedProxiesFromEnv()),
        });
        if (result.ok) return { ...result.user, id: String(result.user.id) };
        // A thrown error's message reaches the sign-in page as `error`; null means wrong.
        if (result.reason === 'rate_limited')
          throw new Error(rateLimitedErrorMessage(result.retryAfterSeconds));
        return null;
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.role = user.role;
        token.sv = user.sessionVersion;
        return token;
      }
      // next-auth's own /api/auth/session (the sign-in form reads the role there) must not
      // answer for an ended session either: such a token is emptied.
      const current =
        typeof token.uid === 'number' ? await findActiveUser(getDb(), token.uid) : null;
      return current && current.sessionVersion === token.sv ? token : {};
    },
    session({ session, token }) {
      if (typeof token.uid === 'number' && token.role)
        session.user = {
          id: token.uid,
          email: token.email ?? '',
          name: token.name ?? '',
          role: token.role,
        };
      return session;
    },
  },
  events: {
    // Signing out ends the user's sessions everywhere: a copy of the cookie is worthless.
    async signOut({ token }) {
      if (typeof token?.uid !== 'number' || typeof token.sv !== 'number') return;
      await endSessions(getDb(), token.uid, token.sv, {
        action: 'auth.sign_out',
        after: { address: clientAddress(await headers(), trustedProxiesFromEnv()) },
      });
    },
  },
};
