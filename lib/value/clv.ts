import { bgNbdExpected } from './bg-nbd';
import { gammaGammaExpectedValue } from './gamma-gamma';
import type { BgNbdParams, CustomerSummary, GammaGammaParams } from './types';

export const CLV_MONTHS = 12;
export const DAYS_PER_MONTH = 30;
export const MONTHLY_DISCOUNT_RATE = 0.01;

/**
 * CLV over 12 months with a given expected value per occasion:
 * Σ_{i=1..12} (E[occasions by 30·i days] − E[occasions by 30·(i−1) days]) × value / 1.01^i,
 * E[…] being the BG/NBD conditional expectation (bgNbdExpected; 0 at 0 days).
 */
export function clv12MonthsFromValue(
  bg: BgNbdParams,
  c: CustomerSummary,
  expectedValue: number,
): number {
  let clv = 0;
  let previous = 0;
  for (let i = 1; i <= CLV_MONTHS; i++) {
    const cumulative = bgNbdExpected(bg, c, DAYS_PER_MONTH * i);
    clv += ((cumulative - previous) * expectedValue) / Math.pow(1 + MONTHLY_DISCOUNT_RATE, i);
    previous = cumulative;
  }
  return clv;
}

/** CLV over 12 months with the Gamma-Gamma expected value (gammaGammaExpectedValue). */
export function clv12Months(bg: BgNbdParams, gg: GammaGammaParams, c: CustomerSummary): number {
  return clv12MonthsFromValue(bg, c, gammaGammaExpectedValue(gg, c));
}
