import type { BgNbdData } from './bg-nbd-data';
import { digamma, lgamma } from './special';
import type { BgNbdParams } from './types';

// The BG/NBD log-likelihood (Fader, Hardie & Lee 2005, eq. 6, in logs as in `lifetimes`):
//   ℓ(x, tx, T) = A1 + A2 + ln(e^A3 + δ(x>0) e^A4), where
//   A1 = lnΓ(r+x) − lnΓ(r) + r ln α
//   A2 = lnΓ(a+b) + lnΓ(b+x) − lnΓ(b) − lnΓ(a+b+x)          (ln B(a, b+x) − ln B(a, b))
//   A3 = −(r+x) ln(α+T)
//   A4 = ln a − ln(b+x−1) − (r+x) ln(α+tx)
// A1 + A2 and ln a − ln(b+x−1) depend on x only: they are computed once per distinct x.
// The gradient is exact; with π = e^A4 / (e^A3 + e^A4) (0 when x = 0), per customer:
//   ∂/∂r = ψ(r+x) − ψ(r) + ln α − (1−π) ln(α+T) − π ln(α+tx)
//   ∂/∂α = r/α − (r+x) ((1−π)/(α+T) + π/(α+tx))
//   ∂/∂a = ψ(a+b) − ψ(a+b+x) + π/a
//   ∂/∂b = ψ(a+b) + ψ(b+x) − ψ(b) − ψ(a+b+x) − π/(b+x−1)

interface Workspace {
  logShape: Float64Array; // per x: ln a − ln(b+x−1), −∞ when x = 0
  pi: Float64Array; // per x: Σ weight·π
  logAt: Float64Array; // per time: ln(α + time)
  invAt: Float64Array; // per time: 1/(α + time)
}

const workspaces = new WeakMap<BgNbdData, Workspace>();

function workspace(data: BgNbdData): Workspace {
  let w = workspaces.get(data);
  if (!w) {
    w = {
      logShape: new Float64Array(data.xs.length),
      pi: new Float64Array(data.xs.length),
      logAt: new Float64Array(data.times.length),
      invAt: new Float64Array(data.times.length),
    };
    workspaces.set(data, w);
  }
  return w;
}

/**
 * The log-likelihood of all the customers; with `gradient` (length 4), also writes its
 * partial derivatives in r, α, a, b there.
 */
export function bgNbdLogLikelihood(
  data: BgNbdData,
  { r, alpha, a, b }: BgNbdParams,
  gradient?: Float64Array | number[],
): number {
  const { xs, xWeight, times, tupleX, tupleTx, tupleT, weight } = data;
  const { logShape, pi, logAt, invAt } = workspace(data);
  const withGradient = gradient !== undefined;
  const lnAlpha = Math.log(alpha);
  const lnA = Math.log(a);
  const lgR = lgamma(r);
  const lgB = lgamma(b);
  const lgAB = lgamma(a + b);
  let ll = 0;
  let dr = 0;
  let dAlpha = 0;
  let da = 0;
  let db = 0;

  const psiR = withGradient ? digamma(r) : 0;
  const psiB = withGradient ? digamma(b) : 0;
  const psiAB = withGradient ? digamma(a + b) : 0;
  for (let k = 0; k < xs.length; k++) {
    const x = xs[k]!;
    const w = xWeight[k]!;
    ll += w * (lgamma(r + x) - lgR + r * lnAlpha + lgAB + lgamma(b + x) - lgB - lgamma(a + b + x));
    logShape[k] = x > 0 ? lnA - Math.log(b + x - 1) : -Infinity;
    pi[k] = 0;
    if (withGradient) {
      const psiABX = digamma(a + b + x);
      dr += w * (digamma(r + x) - psiR + lnAlpha);
      dAlpha += (w * r) / alpha;
      da += w * (psiAB - psiABX);
      db += w * (psiAB + digamma(b + x) - psiB - psiABX);
    }
  }
  for (let j = 0; j < times.length; j++) {
    const at = alpha + times[j]!;
    logAt[j] = Math.log(at);
    invAt[j] = 1 / at;
  }

  const n = weight.length;
  for (let i = 0; i < n; i++) {
    const k = tupleX[i]!;
    const w = weight[i]!;
    const s = r + xs[k]!;
    const iT = tupleT[i]!;
    const lT = logAt[iT]!;
    const a3 = -s * lT;
    const shape = logShape[k]!;
    if (shape === -Infinity) {
      ll += w * a3;
      if (withGradient) {
        dr -= w * lT;
        dAlpha -= w * s * invAt[iT]!;
      }
      continue;
    }
    const iTx = tupleTx[i]!;
    const lTx = logAt[iTx]!;
    const a4 = shape - s * lTx;
    let p4: number;
    if (a3 >= a4) {
      const e = Math.exp(a4 - a3);
      ll += w * (a3 + Math.log1p(e));
      p4 = e / (1 + e);
    } else {
      const e = Math.exp(a3 - a4);
      ll += w * (a4 + Math.log1p(e));
      p4 = 1 / (1 + e);
    }
    if (withGradient) {
      const p3 = 1 - p4;
      dr -= w * (p3 * lT + p4 * lTx);
      dAlpha -= w * s * (p3 * invAt[iT]! + p4 * invAt[iTx]!);
      pi[k]! += w * p4;
    }
  }

  if (gradient) {
    for (let k = 0; k < xs.length; k++) {
      const x = xs[k]!;
      if (x === 0) continue;
      da += pi[k]! / a;
      db -= pi[k]! / (b + x - 1);
    }
    gradient[0] = dr;
    gradient[1] = dAlpha;
    gradient[2] = da;
    gradient[3] = db;
  }
  return ll;
}
