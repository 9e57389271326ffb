import type { Executor } from '../../db/client';
import { unconvertedPurchases } from '../revenue/currencies';
import { valueFitStatus, type ValueFitStatus } from '../revenue/value-fit-requests';

/** The value section's fit card: the fit, a request in progress, and what it left out. */
export interface ValueFitState extends ValueFitStatus {
  /** Purchases without a rate for their day: left out of every fit and converted figure. */
  unconverted: { purchases: number; currencies: string[] };
}

export async function valueFitState(db: Executor): Promise<ValueFitState> {
  const [status, unconverted] = await Promise.all([valueFitStatus(db), unconvertedPurchases(db)]);
  return { ...status, unconverted };
}
