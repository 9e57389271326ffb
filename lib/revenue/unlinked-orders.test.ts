import { describe, expect, it } from 'vitest';
import { decimalOf, UnlinkedOrders } from './unlinked-orders';

describe('the orders left unlinked', () => {
  it('sums per currency, refunds subtracted, and forgets a customer once linked', () => {
    const unlinked = new UnlinkedOrders();
    const paid = (cents: number, currency = 'USD') => ({
      status: 'paid' as const,
      currency,
      cents,
    });
    unlinked.add(1, paid(1990));
    unlinked.add(1, { status: 'refunded', currency: 'USD', cents: -1990 });
    unlinked.add(1, paid(500, 'EUR'));
    unlinked.add(2, paid(1, 'EUR'));
    for (let id = 10; id < 3000; id++) unlinked.add(id, paid(100));
    unlinked.add(3, paid(700));
    unlinked.linked(3);
    unlinked.linked(99_999);
    expect(unlinked.summary()).toEqual({
      customers: 2 + 2990,
      orders: 3 + 2990,
      refunds: 1,
      revenue: [
        { currency: 'EUR', amount: '5.01' },
        { currency: 'USD', amount: '2990.00' },
      ],
    });
  });

  it('writes hundredths as decimals, exactly', () => {
    expect([0n, 5n, -1990n, 123456789012345678n].map(decimalOf)).toEqual([
      '0.00',
      '0.05',
      '-19.90',
      '1234567890123456.78',
    ]);
  });
});
