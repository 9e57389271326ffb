import 'server-only';
import type { NextRequest } from 'next/server';
import { ApiError } from './errors';

// Cross-site request forgery: a browser names the page that sent a request. A change is
// refused when that is another site; requests without these headers come from programs
// that must hold the session cookie themselves.

const foreign = () =>
  new ApiError({
    code: 'forbidden',
    message: 'Cross-site request refused: changes come from this site only',
  });

/** The hosts this app answers on: NEXTAUTH_URL's, and the one the request was sent to. */
function ownHosts(request: NextRequest): Set<string> {
  const hosts = new Set([new URL(request.url).host]);
  const host = request.headers.get('host');
  if (host) hosts.add(host);
  if (process.env.NEXTAUTH_URL) {
    try {
      hosts.add(new URL(process.env.NEXTAUTH_URL).host);
    } catch {
      // lib/env.ts refuses a malformed NEXTAUTH_URL at start.
    }
  }
  return hosts;
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

export function checkOrigin(request: NextRequest): void {
  const site = request.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') throw foreign();
  const origin = request.headers.get('origin');
  if (origin && !ownHosts(request).has(hostOf(origin) ?? '')) throw foreign();
}
