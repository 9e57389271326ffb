import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Executor } from '../../db/client';
import { signingSecrets } from '../webhooks/sources';

// The signed deep link a shop shows after checkout, `https://t.me/<bot>?start=<token>`: the
// fan who opens it is the shop's customer, so the bot links the two. The shop signs it with
// its purchase-webhook secret (the secret it already holds), so no other party can make
// one. Telegram allows 64 characters of [A-Za-z0-9_-] after /start, so the token is
// `c<source id>_<16-character signature><customer id, base64url>` and a customer id of up
// to about 30 bytes fits.

const SIGNATURE_CHARS = 16;
export const MAX_TOKEN_CHARS = 64;

const signatureOf = (secret: string, sourceId: number, customerId: string) =>
  createHmac('sha256', secret)
    .update(`customer-link:${sourceId}:${customerId}`)
    .digest('base64url')
    .slice(0, SIGNATURE_CHARS);

/** The /start payload linking `customerId` (what the shop computes; here for tests and docs). */
export function customerLinkToken(secret: string, sourceId: number, customerId: string): string {
  const token = `c${sourceId}_${signatureOf(secret, sourceId, customerId)}${Buffer.from(customerId, 'utf8').toString('base64url')}`;
  if (token.length > MAX_TOKEN_CHARS)
    throw new Error(
      `customer id "${customerId}" is too long for a Telegram deep link (${token.length} > ${MAX_TOKEN_CHARS} characters)`,
    );
  return token;
}

export function parseLinkToken(
  token: string,
): { sourceId: number; signature: string; customerId: string } | null {
  const match = /^c(\d{1,12})_([A-Za-z0-9_-]{16})([A-Za-z0-9_-]+)$/.exec(token);
  if (!match || token.length > MAX_TOKEN_CHARS) return null;
  const customerId = Buffer.from(match[3]!, 'base64url').toString('utf8');
  if (customerId === '' || Buffer.from(customerId, 'utf8').toString('base64url') !== match[3])
    return null;
  return { sourceId: Number(match[1]), signature: match[2]!, customerId };
}

/**
 * The customer id a token names, when a secret of its source that signs now made it;
 * null for anything else (a forged, garbled or revoked-source token).
 */
export async function customerOfLinkToken(
  db: Executor,
  token: string,
  appSecret: string,
): Promise<string | null> {
  const parsed = parseLinkToken(token);
  if (!parsed) return null;
  let valid = false;
  for (const { sourceId, secret } of await signingSecrets(db, appSecret)) {
    if (sourceId !== parsed.sourceId) continue;
    const expected = Buffer.from(signatureOf(secret, sourceId, parsed.customerId));
    if (timingSafeEqual(expected, Buffer.from(parsed.signature))) valid = true;
  }
  return valid ? parsed.customerId : null;
}
