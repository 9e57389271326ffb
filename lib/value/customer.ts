import type { CustomerSummary } from './types';

/** Throws a RangeError naming the customer when its summary cannot be a BG/NBD input. */
export function checkCustomer(c: CustomerSummary, index?: number): void {
  const where = index === undefined ? 'customer' : `customer #${index}`;
  if (!Number.isInteger(c.x) || c.x < 0) {
    throw new RangeError(`${where}: x must be a non-negative integer (got ${c.x})`);
  }
  if (!Number.isFinite(c.T) || c.T < 0) {
    throw new RangeError(`${where}: T must be a finite number ≥ 0 (got ${c.T})`);
  }
  if (!Number.isFinite(c.tx) || c.tx < 0 || c.tx > c.T) {
    throw new RangeError(`${where}: tx must be within [0, T] (got tx ${c.tx}, T ${c.T})`);
  }
  if (c.x > 0 && c.tx === 0) {
    // Occasions are distinct days: a repeat occasion is at least a day after the first (and
    // with tx = 0 the likelihood grows without bound as α → 0).
    throw new RangeError(`${where}: x = ${c.x} repeat occasions need tx > 0`);
  }
  if (!Number.isFinite(c.monetary)) {
    throw new RangeError(`${where}: monetary must be finite (got ${c.monetary})`);
  }
}
