import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// The purchase webhook's signature (README "Purchase webhook"): the header
// `X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, keyed with a
// source's secret as text. During a rotation the sender may sign with both secrets and send
// a v1= for each. Pure: the route, the tests and the bench sign and check the same way.

export const signatureHeader = 'x-signature';

/** How far `t` may be from the server's clock, either way. */
export const toleranceSeconds = 5 * 60;

/** A source's secret: `whsec_` and 256 random bits. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** The hex HMAC-SHA256 of `<t>.<body>` under `secret`. */
export function sign(secret: string, t: number, body: string | Uint8Array): string {
  return createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex');
}

/** The X-Signature value for `body` at `t` (unix seconds), one v1= per secret. */
export function signatureFor(
  secrets: string | readonly string[],
  body: string | Uint8Array,
  t = Math.floor(Date.now() / 1000),
): string {
  const list = typeof secrets === 'string' ? [secrets] : secrets;
  return [`t=${t}`, ...list.map((secret) => `v1=${sign(secret, t, body)}`)].join(',');
}

export interface ParsedSignature {
  t: number;
  /** The v1= signatures, 32 bytes each. */
  v1: Buffer[];
}

/** At most this many v1= entries are compared (a rotation needs two). */
const maxSignatures = 8;

/**
 * The header's parts, or why it cannot be read. Unknown `key=value` entries (a later
 * scheme's v2=) are ignored, as senders may add them.
 */
export function parseSignature(
  header: string | null,
): { ok: true; value: ParsedSignature } | { ok: false; reason: string } {
  if (header === null || header.trim() === '')
    return { ok: false, reason: 'The X-Signature header is missing' };
  const garbled = {
    ok: false as const,
    reason: 'The X-Signature header must read t=<unix seconds>,v1=<64 hex digits>',
  };
  let t: number | null = null;
  const v1: Buffer[] = [];
  for (const part of header.split(',')) {
    const at = part.indexOf('=');
    if (at <= 0) return garbled;
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (key === 't') {
      if (t !== null || !/^\d{1,12}$/.test(value)) return garbled;
      t = Number(value);
    } else if (key === 'v1') {
      if (!/^[0-9a-fA-F]{64}$/.test(value)) return garbled;
      if (v1.length < maxSignatures) v1.push(Buffer.from(value, 'hex'));
    }
  }
  if (t === null || v1.length === 0) return garbled;
  return { ok: true, value: { t, v1 } };
}

/** Whole seconds from `t` to now, signed (positive: `t` is in the past). */
export const skewOf = (t: number, nowMs = Date.now()) => Math.floor(nowMs / 1000) - t;

/**
 * Whether any of the header's signatures is `secret`'s over `body` at its `t`. Every
 * comparison takes the same time, whether or where it differs.
 */
export function matches(signature: ParsedSignature, secret: string, body: Uint8Array): boolean {
  const expected = Buffer.from(sign(secret, signature.t, body), 'hex');
  let found = false;
  for (const given of signature.v1) if (timingSafeEqual(given, expected)) found = true;
  return found;
}
