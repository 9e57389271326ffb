/**
 * One customer as of time T, in days: x repeat occasions (occasions − 1), tx days from the
 * first to the last occasion, T days from the first occasion to T's day, monetary the mean
 * value of the repeat occasions (0 when x = 0).
 */
export interface CustomerSummary {
  x: number;
  tx: number;
  T: number;
  monetary: number;
}

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}

export interface Fit<P> {
  params: P;
  logLikelihood: number;
  /** Customers the fit used (for Gamma-Gamma, those with x > 0 and monetary > 0). */
  customers: number;
  /** The optimiser stopped at a point where the gradient vanishes (see optimise.ts). */
  converged: boolean;
  iterations: number;
}
