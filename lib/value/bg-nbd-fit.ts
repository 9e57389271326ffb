import { compressBgNbd, type BgNbdData } from './bg-nbd-data';
import { bgNbdLogLikelihood } from './bg-nbd-likelihood';
import { ModelUnavailableError } from './errors';
import { minimise, usable } from './optimise';
import type { BgNbdParams, CustomerSummary, Fit } from './types';

/**
 * Maximum-likelihood BG/NBD on all the customers, in their time unit (days here; the CDNOW
 * tests use weeks). Optimised over (ln r, ln α, ln a, ln b) so the parameters stay > 0;
 * the objective is the mean negative log-likelihood, so tolerances do not depend on how
 * many customers there are.
 *
 * Throws a ModelUnavailableError when the data cannot identify the model: fewer than 2 customers, or no customer
 * with a repeat occasion (the likelihood then grows without bound as r → 0).
 */
export function fitBgNbd(customers: readonly CustomerSummary[]): Fit<BgNbdParams> {
  if (customers.length < 2) {
    throw new ModelUnavailableError(`BG/NBD needs at least 2 customers (got ${customers.length})`);
  }
  return fitBgNbdData(compressBgNbd(customers));
}

export function fitBgNbdData(data: BgNbdData): Fit<BgNbdParams> {
  let repeats = 0;
  let exposure = 0;
  for (let i = 0; i < data.weight.length; i++) {
    repeats += data.weight[i]! * data.xs[data.tupleX[i]!]!;
    exposure += data.weight[i]! * data.times[data.tupleT[i]!]!;
  }
  if (repeats === 0) {
    throw new ModelUnavailableError(
      'BG/NBD needs at least one customer with a repeat occasion (x > 0)',
    );
  }
  const n = data.customers;
  const toParams = (theta: readonly number[]): BgNbdParams => ({
    r: Math.exp(theta[0]!),
    alpha: Math.exp(theta[1]!),
    a: Math.exp(theta[2]!),
    b: Math.exp(theta[3]!),
  });
  const gradient = new Float64Array(4);
  const objective = (theta: readonly number[]) => {
    const params = toParams(theta);
    if (!usable(params)) return { value: NaN, gradient: theta.map(() => NaN) };
    const ll = bgNbdLogLikelihood(data, params, gradient);
    // Chain rule to the log-parameters: ∂ℓ/∂ln θ = θ ∂ℓ/∂θ.
    const scaled = [params.r, params.alpha, params.a, params.b].map(
      (p, i) => (-p * gradient[i]!) / n,
    );
    return { value: -ll / n, gradient: scaled };
  };
  // Start: r = 1 and α from the mean purchase rate (E[λ] = r/α), a = b = 1.
  const start = [0, Math.log(Math.max(exposure / repeats, 1e-6)), 0, 0];
  const result = minimise(objective, start);
  const params = toParams(result.x);
  return {
    params,
    logLikelihood: bgNbdLogLikelihood(data, params),
    customers: n,
    converged: result.converged,
    iterations: result.iterations,
  };
}
