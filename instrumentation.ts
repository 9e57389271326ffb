// Runs once when the web server starts (next start and next dev alike), before it serves.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // `next build` loads this too; it serves nothing and needs no secret.
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { installPeerAddressStamp } = await import('./lib/auth/peer-address');
  installPeerAddressStamp();
  // A missing or short AUTH_SECRET or a malformed TRUSTED_PROXIES stops the start with a
  // message saying how to set it, instead of failing at the first sign-in.
  const { checkWebEnv } = await import('./lib/env');
  checkWebEnv();
}
