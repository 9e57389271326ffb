import { checkCustomer } from './customer';
import type { CustomerSummary } from './types';

/**
 * Customers compressed for the BG/NBD likelihood: the distinct (x, tx, T) tuples with their
 * counts. With day granularity many customers share a tuple (all one-time buyers of a day
 * are one tuple), so a fit on a million customers evaluates far fewer terms. The tuples
 * index into the distinct x values (whose gamma-function terms are computed once per
 * evaluation) and the distinct times (whose ln(α + time) likewise).
 */
export interface BgNbdData {
  /** Customers in all (the sum of the tuple weights). */
  customers: number;
  /** Distinct x values, and how many customers have each. */
  xs: Float64Array;
  xWeight: Float64Array;
  /** Distinct values among all tx and T. */
  times: Float64Array;
  /** Per tuple: index into xs, into times for tx and for T, and its customer count. */
  tupleX: Uint32Array;
  tupleTx: Uint32Array;
  tupleT: Uint32Array;
  weight: Float64Array;
}

function indexer() {
  const map = new Map<number, number>();
  const values: number[] = [];
  return {
    values,
    index(v: number) {
      let i = map.get(v);
      if (i === undefined) {
        i = values.length;
        map.set(v, i);
        values.push(v);
      }
      return i;
    },
  };
}

/**
 * Validates (checkCustomer) and compresses. tx is ignored when x = 0 (it does not enter
 * the model; it should be 0 there anyway).
 */
export function compressBgNbd(customers: readonly CustomerSummary[]): BgNbdData {
  const n = customers.length;
  const xIdx = indexer();
  const timeIdx = indexer();
  const cx = new Uint32Array(n);
  const ctx = new Uint32Array(n);
  const cT = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const c = customers[i]!;
    checkCustomer(c, i);
    cx[i] = xIdx.index(c.x);
    ctx[i] = timeIdx.index(c.x === 0 ? 0 : c.tx);
    cT[i] = timeIdx.index(c.T);
  }
  const nx = xIdx.values.length;
  const nt = timeIdx.values.length;
  // One number per tuple when it fits exactly in a double, else a string.
  const numericKey = nx * nt * nt < Number.MAX_SAFE_INTEGER;
  const tuples = new Map<number | string, number>();
  const tupleX: number[] = [];
  const tupleTx: number[] = [];
  const tupleT: number[] = [];
  const weight: number[] = [];
  const xWeight = new Float64Array(nx);
  for (let i = 0; i < n; i++) {
    const key = numericKey ? (cx[i]! * nt + ctx[i]!) * nt + cT[i]! : `${cx[i]},${ctx[i]},${cT[i]}`;
    let t = tuples.get(key);
    if (t === undefined) {
      t = weight.length;
      tuples.set(key, t);
      tupleX.push(cx[i]!);
      tupleTx.push(ctx[i]!);
      tupleT.push(cT[i]!);
      weight.push(0);
    }
    weight[t]! += 1;
    xWeight[cx[i]!]! += 1;
  }
  return {
    customers: n,
    xs: Float64Array.from(xIdx.values),
    xWeight,
    times: Float64Array.from(timeIdx.values),
    tupleX: Uint32Array.from(tupleX),
    tupleTx: Uint32Array.from(tupleTx),
    tupleT: Uint32Array.from(tupleT),
    weight: Float64Array.from(weight),
  };
}
