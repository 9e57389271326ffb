import { bgNbdExpected, bgNbdPAlive } from './bg-nbd';
import { fitBgNbd } from './bg-nbd-fit';
import { clv12MonthsFromValue } from './clv';
import { ModelUnavailableError } from './errors';
import { gammaGammaExpectedValue } from './gamma-gamma';
import { fitGammaGamma, isGammaGammaCustomer } from './gamma-gamma-fit';
import { rfmScores } from './rfm';
import type { BgNbdParams, CustomerSummary, Fit, GammaGammaParams } from './types';

export const EXPECTED_HORIZON_DAYS = 90;

export interface CustomerValue {
  /** BG/NBD P(alive); null without a converged BG/NBD fit (see bgNbdUnavailable). */
  pAlive: number | null;
  /** BG/NBD expected occasions in the next 90 days; null as pAlive. */
  expected90d: number | null;
  /** Expected value of one occasion (see expectedValueSource); null when unknown. */
  expectedValue: number | null;
  /** clv12MonthsFromValue; null when either of the two above is unavailable. */
  clv12m: number | null;
  r: number;
  f: number;
  m: number;
}

/**
 * Where expectedValue comes from:
 * - 'gamma-gamma': gammaGammaExpectedValue (the fit converged and has a finite mean, q > 1);
 * - 'observed-mean': no usable Gamma-Gamma fit (fewer than 2 customers with x > 0 and a
 *   positive monetary value, no convergence, or q ≤ 1): a customer's own mean
 *   repeat-occasion value when it is positive, else the mean value of all the observed
 *   repeat occasions (Σ x·monetary / Σ x over those customers);
 * - 'none': no customer has a repeat occasion of positive value: expectedValue is null.
 */
export type ExpectedValueSource = 'gamma-gamma' | 'observed-mean' | 'none';

export interface ScoredCustomers {
  /** Null when the data cannot identify the model; kept (for inspection) when not converged. */
  bgNbd: Fit<BgNbdParams> | null;
  /** Why there are no BG/NBD predictions: no fit, or a fit that did not converge. */
  bgNbdUnavailable: string | null;
  /** Null when fewer than 2 customers qualify (see fitGammaGamma). */
  gammaGamma: Fit<GammaGammaParams> | null;
  expectedValueSource: ExpectedValueSource;
  /** In input order. */
  customers: CustomerValue[];
}

function expectedValueFunction(
  customers: readonly CustomerSummary[],
  gammaGamma: Fit<GammaGammaParams> | null,
): { source: ExpectedValueSource; value: (c: CustomerSummary) => number | null } {
  if (gammaGamma?.converged && gammaGamma.params.q > 1) {
    const params = gammaGamma.params;
    return { source: 'gamma-gamma', value: (c) => gammaGammaExpectedValue(params, c) };
  }
  let occasions = 0;
  let total = 0;
  for (const c of customers) {
    if (!isGammaGammaCustomer(c)) continue;
    occasions += c.x;
    total += c.x * c.monetary;
  }
  if (occasions === 0) return { source: 'none', value: () => null };
  const pooled = total / occasions;
  return {
    source: 'observed-mean',
    value: (c) => (isGammaGammaCustomer(c) ? c.monetary : pooled),
  };
}

/**
 * Fits BG/NBD and Gamma-Gamma on all the customers (all in days) and scores each one.
 * Degenerate data does not throw: a BG/NBD that cannot be fitted or did not converge (its
 * parameters may then be far out, e.g. on small samples, and its predictions meaningless)
 * leaves pAlive, expected90d and clv12m null, with the reason in bgNbdUnavailable; an
 * unusable Gamma-Gamma falls back as ExpectedValueSource says. Invalid summaries throw.
 */
export function scoreCustomers(customers: readonly CustomerSummary[]): ScoredCustomers {
  const rfm = rfmScores(customers); // also validates every summary
  let bgNbd: Fit<BgNbdParams> | null = null;
  let bgNbdUnavailable: string | null = null;
  try {
    bgNbd = fitBgNbd(customers);
  } catch (error) {
    if (!(error instanceof ModelUnavailableError)) throw error;
    bgNbdUnavailable = error.message;
  }
  if (bgNbd && !bgNbd.converged) {
    bgNbdUnavailable = `BG/NBD did not converge (${bgNbd.iterations} iterations): no predictions`;
  }
  const bg = bgNbd?.converged ? bgNbd.params : null;
  const gammaGamma = fitGammaGamma(customers);
  const expected = expectedValueFunction(customers, gammaGamma);

  const scored = customers.map((c, i): CustomerValue => {
    const expectedValue = expected.value(c);
    return {
      pAlive: bg ? bgNbdPAlive(bg, c) : null,
      expected90d: bg ? bgNbdExpected(bg, c, EXPECTED_HORIZON_DAYS) : null,
      expectedValue,
      clv12m: bg && expectedValue !== null ? clv12MonthsFromValue(bg, c, expectedValue) : null,
      ...rfm[i]!,
    };
  });
  return {
    bgNbd,
    bgNbdUnavailable,
    gammaGamma,
    expectedValueSource: expected.source,
    customers: scored,
  };
}
