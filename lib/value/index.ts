// Customer value models (DESIGN.md §5b): RFM, BG/NBD, Gamma-Gamma and 12-month CLV, pure
// TypeScript on per-customer summaries (no database).
export type { BgNbdParams, CustomerSummary, Fit, GammaGammaParams } from './types';
export { ModelUnavailableError } from './errors';
export { hyp2f1 } from './hyp2f1';
export { fitBgNbd } from './bg-nbd-fit';
export { bgNbdExpected, bgNbdPAlive } from './bg-nbd';
export { fitGammaGamma } from './gamma-gamma-fit';
export { gammaGammaExpectedValue, gammaGammaPopulationMean } from './gamma-gamma';
export { clv12Months, clv12MonthsFromValue } from './clv';
export { quintileScores, rfmScores } from './rfm';
export {
  scoreCustomers,
  type CustomerValue,
  type ExpectedValueSource,
  type ScoredCustomers,
} from './score-customers';
