import { BlockList, isIP } from 'node:net';
import { headerValue, peerAddressOf, type HeaderSource } from './peer-address';

// Whose request this is, for the sign-in limits and the audit log. The socket's address
// (lib/auth/peer-address.ts) unless it is one of TRUSTED_PROXIES; only then is
// X-Forwarded-For read, from its end: each trusted proxy appends the address it saw, so
// the first address from the right that is not a trusted proxy is the client. Anything a
// client writes into the header itself sits to the left of that and is never read.

export interface TrustedProxies {
  list: BlockList;
  /** The entries as configured, for messages. */
  entries: string[];
}

/** An address as one canonical string: IPv4-mapped IPv6 as IPv4; null when not an IP. */
export function normalizeAddress(raw: string): string | null {
  let value = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.replace(/:\d+$/, '');
  value = value.replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/.exec(value);
  if (mapped) value = mapped[1]!;
  return isIP(value) ? value : null;
}

/**
 * TRUSTED_PROXIES: comma-separated addresses or CIDR ranges (`10.0.0.0/8, ::1`). Throws an
 * Error naming the entry that is neither.
 */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const list = new BlockList();
  const entries = (value ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const ip = normalizeAddress(address ?? '');
    const family = ip && isIP(ip) === 6 ? 'ipv6' : 'ipv4';
    const prefix = bits === undefined ? null : Number(bits);
    const maxBits = family === 'ipv6' ? 128 : 32;
    if (
      !ip ||
      extra !== undefined ||
      (prefix !== null && (!/^\d{1,3}$/.test(bits!) || prefix > maxBits))
    )
      throw new Error(
        `TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range (e.g. 10.0.0.0/8 or ::1)`,
      );
    if (prefix === null) list.addAddress(ip, family);
    else list.addSubnet(ip, prefix, family);
  }
  return { list, entries };
}

function isTrusted(address: string, trusted: TrustedProxies): boolean {
  return trusted.list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/** X-Forwarded-For's entries, left to right; an entry that is not an address as null. */
function forwardedFor(headers: HeaderSource): (string | null)[] {
  const value = headerValue(headers, 'x-forwarded-for');
  if (!value) return [];
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map(normalizeAddress);
}

/**
 * The client's address, or 'unknown'. Without the socket's stamp (a request that arrived
 * while the server was starting, or a call outside the web server) the last
 * X-Forwarded-For entry stands in for it: Next writes the socket's address there when the
 * request brought none.
 */
export function clientAddress(headers: HeaderSource, trusted: TrustedProxies): string {
  const hops = forwardedFor(headers);
  const stamped = peerAddressOf(headers);
  const peer = stamped === null ? null : normalizeAddress(stamped);
  if (peer !== null && !isTrusted(peer, trusted)) return peer;
  if (peer === null && trusted.entries.length === 0) return hops.at(-1) ?? 'unknown';
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i];
    if (hop === null || hop === undefined) return 'unknown';
    if (!isTrusted(hop, trusted)) return hop;
  }
  // Only trusted proxies on the way: the farthest one is as close to the client as we get.
  return hops[0] ?? peer ?? 'unknown';
}

/** TRUSTED_PROXIES of this process, parsed once. */
let fromEnv: { value: string | undefined; parsed: TrustedProxies } | undefined;
export function trustedProxiesFromEnv(): TrustedProxies {
  const value = process.env.TRUSTED_PROXIES;
  if (!fromEnv || fromEnv.value !== value) fromEnv = { value, parsed: parseTrustedProxies(value) };
  return fromEnv.parsed;
}
