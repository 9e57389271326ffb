import type { Role } from '../../db/schema/accounts';

// What each role of DESIGN §6 may do. The server checks these on every request
// (lib/auth/guard.ts); the interface only uses them to hide what a role may not do.
// Pure: no server-only imports, so the browser and the CLIs can use it too.

export type Permission =
  | 'overview'
  | 'growth'
  | 'rules:read'
  | 'rules:write'
  | 'segments'
  | 'fans'
  | 'privacy'
  | 'playbooks'
  | 'settings'
  | 'import'
  | 'audit';

export const permissions = [
  'overview',
  'growth',
  'rules:read',
  'rules:write',
  'segments',
  'fans',
  'privacy',
  'playbooks',
  'settings',
  'import',
  'audit',
] as const satisfies readonly Permission[];

export const permissionRoles: Record<Permission, readonly Role[]> = {
  overview: ['admin', 'operator', 'growth'],
  growth: ['admin', 'growth'],
  'rules:read': ['admin', 'operator', 'growth'],
  'rules:write': ['admin', 'operator'],
  segments: ['admin', 'operator', 'growth'],
  fans: ['admin', 'support'],
  privacy: ['admin', 'support'],
  playbooks: ['admin', 'operator'],
  settings: ['admin'],
  import: ['admin'],
  audit: ['admin'],
};

export function can(role: Role, permission: Permission): boolean {
  return permissionRoles[permission].includes(role);
}

/** Everything `role` may do, in the order of `permissions`. */
export function permissionsOf(role: Role): Permission[] {
  return permissions.filter((p) => can(role, p));
}

/**
 * Where a role lands after sign-in: the overview, else (support) the fan lookup, else the
 * account page, which says what the role gives access to.
 */
export function homePath(role: Role): string {
  if (can(role, 'overview')) return '/';
  return can(role, 'fans') ? '/fans' : '/account';
}

/**
 * `callbackUrl` as a path on this site, or null when it is missing, points elsewhere
 * (another origin, `//host`, `/\host`) or back at the sign-in page or the auth API.
 */
export function safeCallbackPath(callbackUrl: string | null | undefined): string | null {
  if (!callbackUrl || !callbackUrl.startsWith('/') || /^\/[/\\]/.test(callbackUrl)) return null;
  let url: URL;
  try {
    url = new URL(callbackUrl, 'http://this.invalid');
  } catch {
    return null;
  }
  if (url.origin !== 'http://this.invalid') return null;
  if (url.pathname === '/signin' || url.pathname.startsWith('/api/')) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * Where to go after signing in: the page that sent the person to sign in, unless that
 * was just the front page (each role has its own home) or not a path on this site.
 */
export function landingPath(role: Role, callbackUrl: string | null | undefined): string {
  const path = safeCallbackPath(callbackUrl);
  return path && path !== '/' ? path : homePath(role);
}
