import { isGammaGammaCustomer } from './gamma-gamma-fit';
import type { CustomerSummary, GammaGammaParams } from './types';

/** The population mean value of an occasion, p·v/(q−1); infinite (an error) for q ≤ 1. */
export function gammaGammaPopulationMean({ p, q, v }: GammaGammaParams): number {
  if (!(q > 1)) throw new RangeError(`Gamma-Gamma with q = ${q} ≤ 1 has no finite mean`);
  return (p * v) / (q - 1);
}

/**
 * The expected value of one of the customer's occasions. For a customer the model was
 * fitted on (x > 0, monetary > 0): E[Z | p, q, v, x, m] = p(v + x·m)/(px + q − 1), a
 * weighted mean of the population mean and the customer's own mean. For the others (no
 * repeat occasion, or a mean ≤ 0 after refunds): the population mean.
 */
export function gammaGammaExpectedValue(params: GammaGammaParams, c: CustomerSummary): number {
  if (!isGammaGammaCustomer(c)) return gammaGammaPopulationMean(params);
  const { p, q, v } = params;
  return (p * (v + c.x * c.monetary)) / (p * c.x + q - 1);
}
