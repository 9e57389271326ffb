import { gammaSign, lgamma } from './special';

// The Gauss hypergeometric function 2F1(a, b; c; z) for real parameters and real z ≤ 1.
//
// - 0 ≤ z ≤ 3/4: the power series Σ (a)_n (b)_n / ((c)_n n!) z^n, after Euler's
//   transformation 2F1(a,b;c;z) = (1−z)^(c−a−b) 2F1(c−a,c−b;c;z) when c−a−b < 0 (its
//   coefficients then decay like n^(c−a−b−1) instead of growing like n^(a+b−c−1)).
// - 3/4 < z < 1: the same series if it converges within a few hundred terms, otherwise the
//   connection formula to 1−z (Abramowitz & Stegun 15.3.6), whose two series converge
//   like (1−z)^n. It has a pole at integer c−a−b (the two terms cancel): within
//   g = 1e-3 / max(1, −ln(1−z)) of an integer the value is interpolated (cubic, in c) from
//   four points g and 2g either side, where the formula is still well conditioned (about
//   1e-12 relative; a fixed g would lose accuracy as z → 1, where F varies faster in c).
// - z < 0: Pfaff's transformation 2F1(a,b;c;z) = (1−z)^(−a) 2F1(a,c−b;c;z/(z−1)).
// - z = 1: Gauss's theorem when c−a−b > 0 (the series diverges otherwise).
//
// Every series stops on a bound of its tail (not on one small term): once all its factors
// are positive, the ratio of successive terms is bounded by ρ < 1 and the tail by
// |term|·ρ/(1−ρ), which must be below machine epsilon times the sum.

const EPS = 2.220446049250313e-16;
const MAX_TERMS = 100_000;
const SHORT_SERIES_TERMS = 500;
const NEAR_ONE = 0.75;
const INTEGER_GAP = 1e-3;

const isNonPositiveInteger = (v: number) => v <= 0 && Number.isInteger(v);

/** Σ (a)_n (b)_n / ((c)_n n!) z^n, or null when it has not converged within maxTerms. */
export function hyp2f1Series(
  a: number,
  b: number,
  c: number,
  z: number,
  maxTerms = MAX_TERMS,
): number | null {
  let term = 1;
  let sum = 1;
  const lowest = Math.min(a, b, c, 1);
  // ρ ≥ |z| below, so the tail bound is at least |term|·|z|/(1−|z|): a cheap first test.
  const atLeast = Math.abs(z) / (1 - Math.abs(z));
  for (let n = 0; n < maxTerms; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    if (term === 0) return sum; // a or b is a non-positive integer: a polynomial
    if (!Number.isFinite(sum)) throw new RangeError(`hyp2f1(${a}, ${b}; ${c}; ${z}): overflow`);
    const k = n + 1; // the next ratio is the one for index k
    if (Math.abs(term) * atLeast <= EPS * Math.abs(sum) && k + lowest > 0) {
      // For j ≥ k, (j+a)/(j+1) and (j+b)/(j+c) are monotone towards 1, so each is at most
      // max(its value at k, 1); same with the other pairing. Their product bounds the ratio.
      const rho =
        Math.abs(z) *
        Math.min(
          Math.max((k + a) / (k + 1), 1) * Math.max((k + b) / (k + c), 1),
          Math.max((k + a) / (k + c), 1) * Math.max((k + b) / (k + 1), 1),
        );
      if (rho < 1 && (Math.abs(term) * rho) / (1 - rho) <= EPS * Math.abs(sum)) return sum;
    }
  }
  return null;
}

/** The series in z, Euler-transformed when that makes it converge faster. */
function eulerSeries(a: number, b: number, c: number, z: number, maxTerms: number) {
  const d = c - a - b;
  if (d < 0) {
    const s = hyp2f1Series(c - a, c - b, c, z, maxTerms);
    return s === null ? null : Math.exp(d * Math.log1p(-z)) * s;
  }
  return hyp2f1Series(a, b, c, z, maxTerms);
}

function mustConverge(value: number | null, a: number, b: number, c: number, z: number) {
  if (value === null) {
    throw new RangeError(`hyp2f1(${a}, ${b}; ${c}; ${z}): series did not converge`);
  }
  return value;
}

/** A&S 15.3.6, for c−a−b not an integer. */
export function hyp2f1ConnectionFormula(a: number, b: number, c: number, z: number): number {
  const u = 1 - z;
  const d = c - a - b;
  const lgC = lgamma(c);
  const signC = gammaSign(c);
  let first = 0;
  const signFirst = gammaSign(c - a) * gammaSign(c - b); // 0: 1/Γ vanishes
  if (signFirst !== 0) {
    const s1 = mustConverge(hyp2f1Series(a, b, 1 - d, u), a, b, 1 - d, u);
    const logScale = lgC + lgamma(d) - lgamma(c - a) - lgamma(c - b);
    first = signC * gammaSign(d) * signFirst * Math.exp(logScale) * s1;
  }
  const s2 = mustConverge(hyp2f1Series(c - a, c - b, d + 1, u), c - a, c - b, d + 1, u);
  const logScale2 = d * Math.log(u) + lgC + lgamma(-d) - lgamma(a) - lgamma(b);
  const second = signC * gammaSign(-d) * gammaSign(a) * gammaSign(b) * Math.exp(logScale2) * s2;
  return first + second;
}

function nearOne(a: number, b: number, c: number, z: number): number {
  const d = c - a - b;
  const offset = d - Math.round(d);
  const gap = INTEGER_GAP / Math.max(1, -Math.log1p(-z));
  if (Math.abs(offset) >= gap) return hyp2f1ConnectionFormula(a, b, c, z);
  // Cubic Lagrange interpolation in c through c−a−b = m + s·gap, s = −2, −1, 1, 2.
  const nodes = [-2, -1, 1, 2];
  const t = offset / gap;
  let value = 0;
  for (const s of nodes) {
    let weight = 1;
    for (const other of nodes) if (other !== s) weight *= (t - other) / (s - other);
    value += weight * hyp2f1ConnectionFormula(a, b, c - offset + s * gap, z);
  }
  return value;
}

/** 2F1(a, b; c; z), real arguments, z ≤ 1 (see the comment at the top of this file). */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (![a, b, c, z].every(Number.isFinite)) {
    throw new RangeError(`hyp2f1(${a}, ${b}; ${c}; ${z}): arguments must be finite`);
  }
  if (z > 1) throw new RangeError(`hyp2f1: z = ${z} > 1 is outside the real domain`);
  if (isNonPositiveInteger(c)) {
    throw new RangeError(`hyp2f1: c = ${c} is a non-positive integer (undefined)`);
  }
  if (a === 0 || b === 0 || z === 0) return 1;
  if (z === 1) {
    const d = c - a - b;
    if (!(d > 0)) throw new RangeError(`hyp2f1 diverges at z = 1 when c−a−b = ${d} ≤ 0`);
    const sign = gammaSign(c - a) * gammaSign(c - b);
    if (sign === 0) return 0;
    return gammaSign(c) * sign * Math.exp(lgamma(c) + lgamma(d) - lgamma(c - a) - lgamma(c - b));
  }
  if (isNonPositiveInteger(a) || isNonPositiveInteger(b)) {
    return mustConverge(hyp2f1Series(a, b, c, z), a, b, c, z); // a polynomial
  }
  if (z < 0) {
    const w = z / (z - 1);
    return Math.exp(-a * Math.log1p(-z)) * hyp2f1(a, c - b, c, w);
  }
  if (z <= NEAR_ONE) return mustConverge(eulerSeries(a, b, c, z, MAX_TERMS), a, b, c, z);
  return eulerSeries(a, b, c, z, SHORT_SERIES_TERMS) ?? nearOne(a, b, c, z);
}
