import { NextResponse, type NextRequest } from 'next/server';
import { strictTransportSecurity } from './lib/security-headers';

// Tells server components which path was requested, so a page that needs a sign-in can
// send the person back to it afterwards (lib/auth/guard.ts). Not a guard: every page and
// route handler checks the session itself. The header is overwritten, never trusted from
// the client, and only ever used as a same-origin path.
//
// Also pins the browser to https when the app is served over it: NEXTAUTH_URL is read at
// run time here (next.config.ts's headers are fixed at build). Pages are where a browser
// arrives, so HSTS is learnt there; API routes stay out of the proxy, which would buffer
// their bodies (proxyClientMaxBodySize), and imports are large.
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set('x-request-path', `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const response = NextResponse.next({ request: { headers } });
  const hsts = strictTransportSecurity(process.env.NEXTAUTH_URL);
  if (hsts) response.headers.set('Strict-Transport-Security', hsts);
  return response;
}

export const config = {
  // Static files (public/ and app/icon.svg) need no request path: served as they are.
  matcher: [
    '/((?!api/|_next/|icons/|icon\\.svg|favicon\\.ico|manifest\\.webmanifest|robots\\.txt).*)',
  ],
};
