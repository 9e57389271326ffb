import { describe, expect, it } from 'vitest';
import { gammaGammaExpectedValue, gammaGammaPopulationMean } from './gamma-gamma';
import { fitGammaGamma } from './gamma-gamma-fit';
import { cdnowCustomers } from './testing/cdnow';

const relative = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);
const customers = cdnowCustomers();
const fit = fitGammaGamma(customers)!;

describe('Gamma-Gamma on CDNOW (Fader, Hardie & Lee 2005b)', () => {
  it('fits the published parameters on the 946 repeat customers', () => {
    expect(fit).not.toBeNull();
    expect(fit.customers).toBe(946);
    // Published p = 6.25, q = 3.74, v (γ) = 15.44–15.45; lifetimes p 6.2488, v 15.4472.
    expect(relative(fit.params.p, 6.25)).toBeLessThan(0.005);
    expect(relative(fit.params.q, 3.74)).toBeLessThan(0.005);
    expect(relative(fit.params.v, 15.45)).toBeLessThan(0.005);
    expect(relative(fit.params.p, 6.2488)).toBeLessThan(1e-4);
    expect(relative(fit.params.v, 15.4472)).toBeLessThan(1e-4);
    expect(fit.logLikelihood).toBeCloseTo(-4055.9, 1);
    expect(fit.converged).toBe(true);
  });

  it("matches lifetimes' conditional_expected_average_profit (README, customers 1–10)", () => {
    const published: [number, number][] = [
      [1, 24.658616],
      [2, 18.91148],
      [3, 35.171003], // x = 0: the population mean
      [6, 71.462851],
      [9, 27.282408],
    ];
    for (const [id, want] of published) {
      const c = customers.find((row) => row.id === id)!;
      expect(relative(gammaGammaExpectedValue(fit.params, c), want)).toBeLessThan(1e-6);
    }
  });
});

describe('Gamma-Gamma expected value', () => {
  const params = { p: 6, q: 4, v: 15 };

  it('shrinks the observed mean towards the population mean p·v/(q−1)', () => {
    expect(gammaGammaPopulationMean(params)).toBe(30);
    // p(v + x·m)/(px + q − 1) = 6(15 + 3·40)/(18 + 3) = 810/21
    expect(gammaGammaExpectedValue(params, { x: 3, tx: 5, T: 9, monetary: 40 })).toBeCloseTo(
      810 / 21,
      12,
    );
    // No repeat occasion, or a mean ≤ 0 after refunds: the population mean.
    expect(gammaGammaExpectedValue(params, { x: 0, tx: 0, T: 9, monetary: 0 })).toBe(30);
    expect(gammaGammaExpectedValue(params, { x: 2, tx: 3, T: 9, monetary: -5 })).toBe(30);
  });

  it('has no population mean when q ≤ 1', () => {
    expect(() => gammaGammaPopulationMean({ p: 1, q: 0.9, v: 1 })).toThrow(RangeError);
  });

  it('is not fitted on fewer than 2 customers with x > 0 and monetary > 0', () => {
    expect(
      fitGammaGamma([
        { x: 0, tx: 0, T: 4, monetary: 0 },
        { x: 2, tx: 3, T: 4, monetary: 10 },
        { x: 1, tx: 1, T: 4, monetary: 0 },
      ]),
    ).toBeNull();
  });
});
