import 'server-only';
import type { AuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '../server/db';
import { attemptSignIn, clientIp } from './rate-limit';
import { rateLimitedErrorMessage } from './sign-in-errors';

// next-auth v4: email and password, checked against the users table under the rate limit;
// a signed JWT in an http-only cookie holds the user's id and role. Every server check
// re-reads the user by id (lib/auth/guard.ts), so a disabled user or a changed role
// takes effect at the next request, whatever the token says.
export const authOptions: AuthOptions = {
  secret: process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET,
  session: { strategy: 'jwt', maxAge: 7 * 24 * 3600 },
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
        if (typeof email !== 'string' || typeof password !== 'string' || !email || !password)
          return null;
        const result = await attemptSignIn(getDb(), {
          email,
          password,
          ip: clientIp(request?.headers ?? {}),
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
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.role = user.role;
      }
      return token;
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
};
