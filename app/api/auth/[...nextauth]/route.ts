// next-auth's endpoints: CSRF token, credentials callback, session, sign-out. POST bodies
// are capped (lib/auth/auth-body-cap.ts). Not a defineRoute: next-auth answers in its own
// shapes (redirects and its client's JSON), and signing in needs no session.
import NextAuth from 'next-auth';
import { withAuthBodyCap } from '@/lib/auth/auth-body-cap';
import { authOptions } from '@/lib/auth/options';

const handler = withAuthBodyCap(NextAuth(authOptions));

export { handler as GET, handler as POST };
