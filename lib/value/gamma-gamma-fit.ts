import { minimise, usable } from './optimise';
import { digamma, lgamma } from './special';
import type { CustomerSummary, Fit, GammaGammaParams } from './types';

// The Gamma-Gamma spend model (Fader, Hardie & Lee 2005b; parameters named as in
// `lifetimes`: p, q, v). Per customer with x > 0 repeat occasions of mean value m:
//   ℓ = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln v + (px−1) ln m + px ln x − (px+q) ln(xm+v)
// Summed, the terms in m alone are p·S1 − S2 with S1 = Σ x(ln m + ln x), S2 = Σ ln m, the
// gamma-function terms depend on x only (computed once per distinct x), and what is left
// per customer is one logarithm and one division per evaluation.

interface GammaGammaData {
  customers: number;
  xs: Float64Array; // distinct x
  xWeight: Float64Array; // customers per distinct x
  x: Float64Array; // per customer
  xm: Float64Array; // per customer x·m
  s1: number;
  s2: number;
}

/** Customers the Gamma-Gamma model is fitted on: x > 0 and a positive monetary value. */
export function isGammaGammaCustomer(c: CustomerSummary): boolean {
  return c.x > 0 && c.monetary > 0 && Number.isFinite(c.monetary);
}

function gammaGammaData(customers: readonly CustomerSummary[]): GammaGammaData {
  const used = customers.filter(isGammaGammaCustomer);
  const index = new Map<number, number>();
  const xs: number[] = [];
  const counts: number[] = [];
  const x = new Float64Array(used.length);
  const xm = new Float64Array(used.length);
  let s1 = 0;
  let s2 = 0;
  used.forEach((c, i) => {
    let k = index.get(c.x);
    if (k === undefined) {
      k = xs.length;
      index.set(c.x, k);
      xs.push(c.x);
      counts.push(0);
    }
    counts[k]! += 1;
    x[i] = c.x;
    xm[i] = c.x * c.monetary;
    const lnM = Math.log(c.monetary);
    s1 += c.x * (lnM + Math.log(c.x));
    s2 += lnM;
  });
  return {
    customers: used.length,
    xs: Float64Array.from(xs),
    xWeight: Float64Array.from(counts),
    x,
    xm,
    s1,
    s2,
  };
}

/** The log-likelihood; with `gradient` (length 3), its partial derivatives in p, q, v. */
function logLikelihood(
  data: GammaGammaData,
  { p, q, v }: GammaGammaParams,
  gradient?: number[],
): number {
  const lnV = Math.log(v);
  const lgQ = lgamma(q);
  const psiQ = gradient ? digamma(q) : 0;
  let ll = p * data.s1 - data.s2;
  let dp = data.s1;
  let dq = 0;
  let dv = 0;
  for (let k = 0; k < data.xs.length; k++) {
    const x = data.xs[k]!;
    const w = data.xWeight[k]!;
    ll += w * (lgamma(p * x + q) - lgamma(p * x) - lgQ + q * lnV);
    if (gradient) {
      const psiPXQ = digamma(p * x + q);
      dp += w * x * (psiPXQ - digamma(p * x));
      dq += w * (psiPXQ - psiQ + lnV);
      dv += (w * q) / v;
    }
  }
  let sumL = 0; // Σ ln(xm+v)
  let sumXL = 0; // Σ x ln(xm+v)
  let sumR = 0; // Σ 1/(xm+v)
  let sumXR = 0; // Σ x/(xm+v)
  const { x, xm } = data;
  for (let i = 0; i < x.length; i++) {
    const d = xm[i]! + v;
    const l = Math.log(d);
    sumL += l;
    sumXL += x[i]! * l;
    if (gradient) {
      const inv = 1 / d;
      sumR += inv;
      sumXR += x[i]! * inv;
    }
  }
  ll -= p * sumXL + q * sumL;
  if (gradient) {
    gradient[0] = dp - sumXL;
    gradient[1] = dq - sumL;
    gradient[2] = dv - (p * sumXR + q * sumR);
  }
  return ll;
}

/**
 * Maximum-likelihood Gamma-Gamma on the customers with x > 0 and monetary > 0, over
 * (ln p, ln q, ln v). Null when fewer than 2 customers qualify: the model cannot be
 * fitted, and callers must fall back explicitly (see score-customers.ts).
 */
export function fitGammaGamma(customers: readonly CustomerSummary[]): Fit<GammaGammaParams> | null {
  const data = gammaGammaData(customers);
  if (data.customers < 2) return null;
  const n = data.customers;
  const toParams = (theta: readonly number[]): GammaGammaParams => ({
    p: Math.exp(theta[0]!),
    q: Math.exp(theta[1]!),
    v: Math.exp(theta[2]!),
  });
  const gradient = [0, 0, 0];
  const objective = (theta: readonly number[]) => {
    const params = toParams(theta);
    if (!usable(params)) return { value: NaN, gradient: theta.map(() => NaN) };
    const ll = logLikelihood(data, params, gradient);
    const scaled = [params.p, params.q, params.v].map((p, i) => (-p * gradient[i]!) / n);
    return { value: -ll / n, gradient: scaled };
  };
  // Start: p = 1, q = 2 and v at the mean spend per occasion (E[value] = pv/(q−1)).
  let spend = 0;
  for (let i = 0; i < n; i++) spend += data.xm[i]! / data.x[i]!;
  const start = [0, Math.log(2), Math.log(spend / n)];
  const result = minimise(objective, start);
  const params = toParams(result.x);
  return {
    params,
    logLikelihood: logLikelihood(data, params),
    customers: n,
    converged: result.converged,
    iterations: result.iterations,
  };
}
