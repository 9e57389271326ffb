import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';

// The address of the other end of a request's TCP connection. Next 16 hands route handlers
// (and next-auth's authorize) only headers: it has no request.ip outside Vercel, and it puts
// the socket's address in X-Forwarded-For only when the request has none (base-server's
// `x-forwarded-for ??= socket.remoteAddress`), so a client that sends its own hides it.
// instrumentation.ts installs this stamp in the web server's process: every request gets
// a header holding the socket's address, overwriting anything the client sent under that
// name, and signed with a token only this process knows, so a request that reached the
// server before the stamp was installed (while it was starting) cannot forge one.

export const peerHeader = 'x-fan-lifecycle-peer';

interface StampState {
  token: string;
  installed: boolean;
}

// On globalThis: instrumentation.ts and the route bundles are separate module instances.
const stateKey = Symbol.for('fan-lifecycle.peer-address');
function state(): StampState {
  const g = globalThis as typeof globalThis & { [stateKey]?: StampState };
  g[stateKey] ??= { token: randomBytes(16).toString('hex'), installed: false };
  return g[stateKey];
}

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;

function stampRequests(proto: { emit: Emit }) {
  const emit = proto.emit;
  proto.emit = function (event, ...args) {
    if (event === 'request') {
      const request = args[0] as http.IncomingMessage;
      request.headers[peerHeader] = `${state().token} ${request.socket?.remoteAddress ?? ''}`;
    }
    return emit.call(this, event, ...args);
  };
}

/** Stamps every request this process's HTTP servers receive from now on. Idempotent. */
export function installPeerAddressStamp(): void {
  const s = state();
  if (s.installed) return;
  s.installed = true;
  stampRequests(http.Server.prototype as unknown as { emit: Emit });
  stampRequests(https.Server.prototype as unknown as { emit: Emit });
}

export type HeaderSource =
  Headers | Record<string, string | string[] | undefined> | null | undefined;

/** One header's value from a Headers or a plain object (next-auth's), joined by commas. */
export function headerValue(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The socket's address this process stamped on the request, or null without a valid stamp. */
export function peerAddressOf(headers: HeaderSource): string | null {
  const value = headerValue(headers, peerHeader);
  if (!value) return null;
  const [token, address] = value.split(' ');
  return token === state().token && address ? address : null;
}
