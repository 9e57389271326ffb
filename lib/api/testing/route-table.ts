import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { RouteHandler } from '../define-route';
import type { SignedRouteHandler } from '../define-signed-route';

// Every route handler under app/api, found on disk: a new route joins the generated tests
// by existing, not by someone remembering to list it.

export const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type Method = (typeof methods)[number];

export interface RouteEntry {
  /** e.g. /api/fans/[id]/tags */
  pattern: string;
  method: Method;
  handler: RouteHandler | SignedRouteHandler | ((...args: never[]) => unknown);
  file: string;
}

/** next-auth's own endpoints (CSRF, callback, session): tested by e2e/auth.spec.ts. */
export const outsideTheContract = new Set(['/api/auth/[...nextauth]']);

/**
 * The routes a program calls without a session, authenticated by a signature over the body
 * (defineSignedRoute, lib/api/define-signed-route.ts): the only routes without defineRoute's
 * session and role check, each listed here on purpose and tested as such by
 * app/api/bad-input.test.ts.
 */
export const signatureAuthenticated = new Set(['/api/webhooks/purchases']);

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === 'route.ts' ? [full] : [];
  });
}

export async function loadRouteTable(root: string): Promise<RouteEntry[]> {
  const apiDir = path.join(root, 'app', 'api');
  const entries: RouteEntry[] = [];
  for (const file of routeFiles(apiDir).sort()) {
    const pattern = `/api/${path.relative(apiDir, path.dirname(file)).split(path.sep).join('/')}`;
    const mod = (await import(file)) as Record<string, unknown>;
    for (const method of methods)
      if (typeof mod[method] === 'function')
        entries.push({ pattern, method, handler: mod[method] as RouteEntry['handler'], file });
  }
  return entries;
}

/** The [segment] names of a pattern, in order. */
export const paramNames = (pattern: string) =>
  [...pattern.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!);

/** The pattern with its [segments] filled in. */
export const fillPattern = (pattern: string, params: Record<string, string>) =>
  pattern.replace(/\[([^\]]+)\]/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
