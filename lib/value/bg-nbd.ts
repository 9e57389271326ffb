import { checkCustomer } from './customer';
import { hyp2f1, hyp2f1Series } from './hyp2f1';
import type { BgNbdParams, CustomerSummary } from './types';

/**
 * P(alive | x, tx, T) (Fader, Hardie & Lee 2005, eq. 8):
 * 1 / (1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+tx))^(r+x)); 1 for x = 0 (in the BG/NBD a
 * customer can only drop out right after a purchase), computed as a logistic of the log-odds.
 */
export function bgNbdPAlive({ r, alpha, a, b }: BgNbdParams, c: CustomerSummary): number {
  checkCustomer(c);
  if (c.x === 0) return 1;
  const logOdds =
    Math.log(a) -
    Math.log(b + c.x - 1) +
    (r + c.x) * (Math.log(alpha + c.T) - Math.log(alpha + c.tx));
  return 1 / (1 + Math.exp(logOdds));
}

// At a = 1 the formula below is 0/0, and at a+b+x−1 = 0 its 2F1 is undefined (the limit
// is not). Within NEAR of either, the value is interpolated linearly in a between the two
// points NEAR either side of it (error O(1e-10) relative, far below the model's own).
const NEAR = 1e-5;

/**
 * E[Y(t) | x, tx, T]: the expected number of occasions in the next t time units (eq. 10):
 *
 *   (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; z)] · P(alive)
 *   with z = t/(α+T+t).
 *
 * Euler's transformation with u = 1 − z = (α+T)/(α+T+t) gives
 *   u^(r+x) · 2F1(r+x, b+x; a+b+x−1; z) = u^(a−1) · 2F1(a+b−1−r, a−1; a+b+x−1; z),
 * which is what is computed (but for a large r, see expected()): 2F1(r+x, …) alone grows
 * like u^−(r+x−a+1) for frequent buyers and can overflow, while the transformed one stays
 * near 1, and the bracket is written 1 − u^(a−1) − u^(a−1)(2F1 − 1) so it loses no digits
 * when a is near 1.
 */
export function bgNbdExpected(params: BgNbdParams, c: CustomerSummary, t: number): number {
  checkCustomer(c);
  if (!(t >= 0) || !Number.isFinite(t)) throw new RangeError(`t must be ≥ 0 (got ${t})`);
  if (t === 0) return 0;
  const { a, b } = params;
  for (const singular of [1, 1 - b - c.x]) {
    if (Math.abs(a - singular) < NEAR) {
      const below = expected({ ...params, a: singular - NEAR }, c, t);
      const above = expected({ ...params, a: singular + NEAR }, c, t);
      return below + ((a - singular + NEAR) / (2 * NEAR)) * (above - below);
    }
  }
  return expected(params, c, t);
}

function expected(params: BgNbdParams, c: CustomerSummary, t: number): number {
  const { r, alpha, a, b } = params;
  const C = a + b + c.x - 1;
  const z = t / (alpha + c.T + t);
  const logU = Math.log(alpha + c.T) - Math.log(alpha + c.T + t);
  const eulerA = a + b - 1 - r;
  let bracket: number | null = null;
  if (eulerA < 0 && -eulerA * z > 5) {
    // With r > a+b−1 the transformed series alternates, its terms growing to about
    // e^(|a+b−1−r|·z) before they cancel: past e^5 the untransformed series, whose terms
    // are all positive, is the accurate one (it is the short one there too: large r comes
    // with large α, so z is small). Failing that (overflow, or too slow), the transformed.
    const f = directSeries(r + c.x, b + c.x, C, z);
    if (f !== null) bracket = -Math.expm1((r + c.x) * logU + Math.log(f));
  }
  if (bracket === null) {
    const f = hyp2f1(eulerA, a - 1, C, z);
    const uPow = Math.exp((a - 1) * logU);
    bracket = -Math.expm1((a - 1) * logU) - uPow * (f - 1);
  }
  return (C / (a - 1)) * bracket * bgNbdPAlive(params, c);
}

function directSeries(a: number, b: number, c: number, z: number): number | null {
  try {
    return hyp2f1Series(a, b, c, z);
  } catch {
    return null; // overflow
  }
}
