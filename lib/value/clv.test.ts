import { describe, expect, it } from 'vitest';
import { bgNbdExpected, bgNbdPAlive } from './bg-nbd';
import { fitBgNbd } from './bg-nbd-fit';
import { clv12Months, clv12MonthsFromValue } from './clv';
import { gammaGammaExpectedValue } from './gamma-gamma';
import { fitGammaGamma } from './gamma-gamma-fit';
import { cdnowCustomers } from './testing/cdnow';

const relative = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);
const bg = { r: 0.5, alpha: 20, a: 0.8, b: 2.5 }; // days
const gg = { p: 6, q: 4, v: 15 };

describe('clv12Months', () => {
  it('is the discounted sum of the monthly expected occasions times the expected value', () => {
    const c = { x: 3, tx: 60, T: 90, monetary: 40 };
    const value = (6 * (15 + 3 * 40)) / (6 * 3 + 4 - 1); // p(v + x·m)/(px + q − 1) = 810/21
    expect(gammaGammaExpectedValue(gg, c)).toBeCloseTo(value, 12);
    // E[occasions by 0, 30, …, 360 days]
    const cumulative = [0, 30, 60, 90, 120, 150, 180, 210, 240, 270, 300, 330, 360].map((t) =>
      bgNbdExpected(bg, c, t),
    );
    let byHand = 0;
    for (let i = 1; i <= 12; i++) {
      byHand += ((cumulative[i]! - cumulative[i - 1]!) * value) / 1.01 ** i;
    }
    expect(clv12Months(bg, gg, c)).toBeCloseTo(byHand, 10);
    // Without discounting it would telescope to E[occasions in 360 days] × value.
    expect(byHand).toBeLessThan(cumulative[12]! * value);
    expect(byHand).toBeGreaterThan((cumulative[12]! * value) / 1.01 ** 12);
  });

  it('values a more recent buyer higher (P(alive) too), the same history otherwise', () => {
    const older = { x: 3, tx: 20, T: 90, monetary: 40 };
    const recent = { x: 3, tx: 85, T: 90, monetary: 40 };
    expect(bgNbdPAlive(bg, recent)).toBeGreaterThan(bgNbdPAlive(bg, older));
    expect(clv12Months(bg, gg, recent)).toBeGreaterThan(clv12Months(bg, gg, older));
  });

  it('uses the population mean for a customer without repeat occasions', () => {
    const c = { x: 0, tx: 0, T: 30, monetary: 0 };
    expect(clv12Months(bg, gg, c)).toBeCloseTo(clv12MonthsFromValue(bg, c, 30), 12);
  });

  it("matches lifetimes' customer_lifetime_value on CDNOW (README, 30·i periods of weeks)", () => {
    // lifetimes' default freq 'D' steps 30 time units a month; the README's data is in
    // weeks, so these are its numbers for 30·i weeks: the same formula in another unit.
    const customers = cdnowCustomers();
    const bgWeeks = fitBgNbd(customers).params;
    const ggFit = fitGammaGamma(customers)!.params;
    const published: [number, number][] = [
      [1, 140.096211],
      [2, 18.943467],
      [3, 38.180574],
      [6, 1003.868107],
      [9, 167.418216],
    ];
    for (const [id, want] of published) {
      const c = customers.find((row) => row.id === id)!;
      expect(relative(clv12Months(bgWeeks, ggFit, c), want)).toBeLessThan(1e-6);
    }
  });
});
