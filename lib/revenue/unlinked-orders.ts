import type { OrderStatus } from './order';

// What of a purchase CSV stays unlinked to fans: per customer not linked (yet), its rows'
// paid orders, refunds and amount per currency. A customer that a later row links is
// dropped, since linking moves all its purchases to the fan. Kept by the customer's id in
// typed arrays, about 50 bytes a customer (a million unlinked customers, some 50 MB): what
// stays in memory grows with the file's unlinked customers, not with its rows.

export interface UnlinkedSummary {
  customers: number;
  orders: number;
  refunds: number;
  revenue: { currency: string; amount: string }[];
}

/** Hundredths as a decimal string: -1990n → "-19.90". */
export function decimalOf(hundredths: bigint): string {
  const sign = hundredths < 0n ? '-' : '';
  const abs = hundredths < 0n ? -hundredths : hundredths;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** A slot's currency when its customer's rows are in several: see `mixed`. */
const MIXED = 255;

export class UnlinkedOrders {
  /** Customer id → its slot in the arrays below. */
  private readonly slots = new Map<number, number>();
  private used = 0;
  private orders = new Uint32Array(1024);
  private refunds = new Uint32Array(1024);
  private cents = new Float64Array(1024);
  private currency = new Uint8Array(1024);
  /** The few customers with rows in several currencies: slot → currency → hundredths. */
  private readonly mixed = new Map<number, Map<string, number>>();
  private readonly currencies: string[] = [];

  /** A row of a customer not linked once its batch committed. */
  add(customerId: number, row: { status: OrderStatus; currency: string; cents: number }): void {
    let slot = this.slots.get(customerId);
    if (slot === undefined) {
      slot = this.used++;
      if (slot === this.orders.length) this.grow();
      this.slots.set(customerId, slot);
      const index = this.currencyIndex(row.currency);
      this.currency[slot] = index;
      if (index === MIXED) this.mixed.set(slot, new Map());
    }
    if (row.status === 'refunded') this.refunds[slot]!++;
    else this.orders[slot]!++;
    const index = this.currency[slot]!;
    if (index !== MIXED && this.currencies[index] !== row.currency) {
      this.mixed.set(slot, new Map([[this.currencies[index]!, this.cents[slot]!]]));
      this.currency[slot] = MIXED;
    }
    if (this.currency[slot] === MIXED) {
      const money = this.mixed.get(slot)!;
      money.set(row.currency, (money.get(row.currency) ?? 0) + row.cents);
    } else this.cents[slot]! += row.cents;
  }

  /** A customer linked to a fan: none of its rows is unlinked any more. */
  linked(customerId: number): void {
    const slot = this.slots.get(customerId);
    if (slot === undefined) return;
    this.slots.delete(customerId);
    this.orders[slot] = 0;
    this.refunds[slot] = 0;
    this.cents[slot] = 0;
    this.mixed.delete(slot);
  }

  summary(): UnlinkedSummary {
    let orders = 0;
    let refunds = 0;
    const money = new Map<string, bigint>();
    const add = (currency: string, cents: number) =>
      money.set(currency, (money.get(currency) ?? 0n) + BigInt(cents));
    for (const slot of this.slots.values()) {
      orders += this.orders[slot]!;
      refunds += this.refunds[slot]!;
      if (this.currency[slot] === MIXED)
        for (const [currency, cents] of this.mixed.get(slot)!) add(currency, cents);
      else add(this.currencies[this.currency[slot]!]!, this.cents[slot]!);
    }
    return {
      customers: this.slots.size,
      orders,
      refunds,
      revenue: [...money.keys()]
        .sort()
        .map((currency) => ({ currency, amount: decimalOf(money.get(currency)!) })),
    };
  }

  private currencyIndex(currency: string): number {
    let i = this.currencies.indexOf(currency);
    if (i === -1) i = this.currencies.push(currency) - 1;
    // Past 255 currencies (there are fewer than 200) every customer counts as mixed.
    return Math.min(i, MIXED);
  }

  private grow(): void {
    const size = this.orders.length * 2;
    const grown = <T extends Uint32Array | Float64Array | Uint8Array>(
      from: T,
      make: (n: number) => T,
    ) => {
      const to = make(size);
      to.set(from);
      return to;
    };
    this.orders = grown(this.orders, (n) => new Uint32Array(n));
    this.refunds = grown(this.refunds, (n) => new Uint32Array(n));
    this.cents = grown(this.cents, (n) => new Float64Array(n));
    this.currency = grown(this.currency, (n) => new Uint8Array(n));
  }
}
