// The headers every response carries (next.config.ts sets them on pages, API routes and
// static files; proxy.ts adds HSTS at run time). Pure, so a test can read the policy.

/**
 * Next's App Router streams its page data in inline <script> tags and React renders style
 * attributes, so both need 'unsafe-inline' (nonces would make every page dynamic); nothing
 * is loaded from anywhere but this origin, and no one may frame the app. `next dev` also
 * evaluates code for Fast Refresh.
 */
export function contentSecurityPolicy({ dev = false } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders({ dev = false } = {}): { key: string; value: string }[] {
  return [
    { key: 'Content-Security-Policy', value: contentSecurityPolicy({ dev }) },
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
  ];
}

/**
 * Strict-Transport-Security for an app served over https (its NEXTAUTH_URL); none over
 * plain http, where a browser would ignore it and a local or LAN deployment must not be
 * pinned to https.
 */
export function strictTransportSecurity(appUrl: string | undefined): string | null {
  try {
    return appUrl && new URL(appUrl).protocol === 'https:' ? 'max-age=31536000' : null;
  } catch {
    return null;
  }
}
