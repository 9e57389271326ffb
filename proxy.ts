import { NextResponse, type NextRequest } from 'next/server';

// Tells server components which path was requested, so a page that needs a sign-in can
// send the person back to it afterwards (lib/auth/guard.ts). Not a guard: every page and
// route handler checks the session itself. The header is overwritten, never trusted from
// the client, and only ever used as a same-origin path.
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set('x-request-path', `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Static files (public/ and app/icon.svg) need no request path: served as they are.
  matcher: [
    '/((?!api/|_next/|icons/|icon\\.svg|favicon\\.ico|manifest\\.webmanifest|robots\\.txt).*)',
  ],
};
