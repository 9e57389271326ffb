import { describe, expect, it } from 'vitest';
import { bgNbdExpected, bgNbdPAlive } from './bg-nbd';
import { compressBgNbd } from './bg-nbd-data';
import { fitBgNbd } from './bg-nbd-fit';
import { bgNbdLogLikelihood } from './bg-nbd-likelihood';
import { ModelUnavailableError } from './errors';
import { lgamma } from './special';
import { cdnowCustomers, inDays } from './testing/cdnow';
import { integrate01 } from './testing/quadrature';
import type { BgNbdParams, CustomerSummary } from './types';

const relative = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);
const customers = cdnowCustomers();
const weeks = fitBgNbd(customers);
const days = fitBgNbd(inDays(customers));

describe('BG/NBD on CDNOW (Fader, Hardie & Lee 2005)', () => {
  it('reads the whole calibration sample', () => {
    expect(customers).toHaveLength(2357);
    expect(customers.filter((c) => c.x > 0)).toHaveLength(946);
  });

  it('fits the published parameters in weeks', () => {
    const { r, alpha, a, b } = weeks.params;
    expect(relative(r, 0.2426)).toBeLessThan(0.005);
    expect(relative(alpha, 4.4135)).toBeLessThan(0.005);
    expect(relative(a, 0.7929)).toBeLessThan(0.005);
    expect(relative(b, 2.4259)).toBeLessThan(0.005);
    expect(weeks.logLikelihood).toBeCloseTo(-9582.4, 1);
    expect(weeks.converged).toBe(true);
    expect(weeks.customers).toBe(2357);
  });

  it('fits the same model in days: α × 7, the others unchanged', () => {
    const { r, alpha, a, b } = days.params;
    expect(relative(alpha, 30.895)).toBeLessThan(0.005);
    expect(relative(r, 0.2426)).toBeLessThan(0.005);
    expect(relative(a, 0.7929)).toBeLessThan(0.005);
    expect(relative(b, 2.4259)).toBeLessThan(0.005);
    expect(relative(alpha, 7 * weeks.params.alpha)).toBeLessThan(1e-6);
    expect(days.converged).toBe(true);
  });

  it('gives customer 1 (x = 2, t_x = 30.43, T = 38.86 weeks) P(alive) ≈ 0.73', () => {
    const first = customers.find((c) => c.id === 1)!;
    expect(bgNbdPAlive(weeks.params, first)).toBeCloseTo(0.73, 2);
    expect(bgNbdPAlive(days.params, inDays([first])[0]!)).toBeCloseTo(0.73, 2);
  });

  it('matches the lifetimes README: E[Y(1 week)] of its five best customers', () => {
    // lifetimes' quickstart, conditional_expected_number_of_purchases_up_to_time(1, …)
    const published: [number, number][] = [
      [509, 0.424877],
      [841, 0.474738],
      [1981, 0.486526],
      [157, 0.662396],
      [1516, 0.710623],
    ];
    for (const [id, want] of published) {
      const c = customers.find((row) => row.id === id)!;
      expect(relative(bgNbdExpected(weeks.params, c, 1), want)).toBeLessThan(1e-5);
    }
  });
});

describe('BG/NBD conditional expectation E[Y(t) | x, tx, T]', () => {
  // Independently of 2F1: given λ and p and alive at T, E[Y(t)] = (1 − e^(−λpt))/p; the
  // posterior weight of (λ, p, alive) is (1−p)^x λ^x e^(−λT) g(λ) f(p). Integrating λ out
  // and dividing by the likelihood, both scaled by Γ(r+x)α^r/Γ(r) (α+T)^−(r+x):
  //   E = ∫₀¹ (1−p)^x f(p)/p · [1 − ((α+T)/(α+T+pt))^(r+x)] dp
  //       / [B(a,b+x)/B(a,b) + δ(x>0) B(a+1,b+x−1)/B(a,b) ((α+T)/(α+tx))^(r+x)]
  function byIntegration({ r, alpha, a, b }: BgNbdParams, c: CustomerSummary, t: number) {
    const lnB = (p: number, q: number) => lgamma(p) + lgamma(q) - lgamma(p + q);
    const s = r + c.x;
    const numerator = integrate01(
      (p, q) =>
        Math.exp((a - 2) * Math.log(p) + (b - 1 + c.x) * Math.log(q) - lnB(a, b)) *
        -Math.expm1(-s * Math.log1p((p * t) / (alpha + c.T))),
      1 / 256,
    );
    let denominator = Math.exp(lnB(a, b + c.x) - lnB(a, b));
    if (c.x > 0) {
      denominator += Math.exp(
        lnB(a + 1, b + c.x - 1) - lnB(a, b) + s * Math.log((alpha + c.T) / (alpha + c.tx)),
      );
    }
    return numerator / denominator;
  }

  it('matches numerical integration of the posterior, CDNOW fit in days', () => {
    const sample: CustomerSummary[] = [
      { x: 0, tx: 0, T: 272, monetary: 0 },
      { x: 2, tx: 213, T: 272, monetary: 22.35 }, // customer 1
      { x: 1, tx: 12, T: 272, monetary: 11.77 },
      { x: 26, tx: 216, T: 217, monetary: 39.97 }, // customer 1516
      { x: 3, tx: 1, T: 1, monetary: 10 }, // three occasions in two days, seen yesterday
    ];
    for (const c of sample) {
      for (const t of [1, 30, 90, 360, 3650]) {
        const got = bgNbdExpected(days.params, c, t);
        expect(relative(got, byIntegration(days.params, c, t))).toBeLessThan(1e-8);
      }
    }
  });

  it('stays accurate for a large r (a nearly homogeneous purchase rate)', () => {
    const params = { r: 300, alpha: 1500, a: 0.8, b: 2.5 }; // ~0.2 occasions a day, all alike
    for (const c of [
      { x: 0, tx: 0, T: 20, monetary: 0 },
      { x: 3, tx: 60, T: 90, monetary: 0 },
    ]) {
      for (const t of [1, 30, 360]) {
        const got = bgNbdExpected(params, c, t);
        expect(relative(got, byIntegration(params, c, t))).toBeLessThan(1e-8);
      }
    }
  });

  it('is 0 at t = 0, increasing in t, and continuous across a = 1', () => {
    const c = { x: 2, tx: 30, T: 38, monetary: 0 };
    expect(bgNbdExpected(weeks.params, c, 0)).toBe(0);
    let previous = 0;
    for (const t of [1, 10, 100, 1000]) {
      const e = bgNbdExpected(weeks.params, c, t);
      expect(e).toBeGreaterThan(previous);
      previous = e;
    }
    const at = (a: number) => bgNbdExpected({ ...weeks.params, a }, c, 10);
    expect(relative(at(1), (at(1 + 1e-4) + at(1 - 1e-4)) / 2)).toBeLessThan(1e-7);
    expect(relative(at(1 + 2e-5), at(1))).toBeLessThan(1e-4);
    expect(relative(at(1), byIntegration({ ...weeks.params, a: 1 }, c, 10))).toBeLessThan(1e-8);
    expect(() => bgNbdExpected(weeks.params, c, -1)).toThrow(RangeError);
  });

  it('is continuous across a + b + x − 1 = 0, where its 2F1 is undefined', () => {
    const params = { r: 0.5, alpha: 20, a: 0.5, b: 0.5 };
    const c = { x: 0, tx: 0, T: 10, monetary: 0 };
    for (const t of [1, 90, 360]) {
      const want = byIntegration(params, c, t);
      expect(relative(bgNbdExpected(params, c, t), want)).toBeLessThan(1e-8);
      for (const a of [0.5 - 3e-6, 0.5 + 7e-6, 0.5 + 2e-5]) {
        expect(relative(bgNbdExpected({ ...params, a }, c, t), want)).toBeLessThan(1e-4);
      }
    }
  });

  it('P(alive) is 1 without repeat occasions and higher for a more recent last occasion', () => {
    expect(bgNbdPAlive(days.params, { x: 0, tx: 0, T: 400, monetary: 0 })).toBe(1);
    const older = bgNbdPAlive(days.params, { x: 4, tx: 100, T: 300, monetary: 0 });
    const recent = bgNbdPAlive(days.params, { x: 4, tx: 280, T: 300, monetary: 0 });
    expect(recent).toBeGreaterThan(older);
  });
});

describe('BG/NBD likelihood', () => {
  // FHL 2005 eq. 6, one customer at a time, written out directly.
  function naive({ r, alpha, a, b }: BgNbdParams, list: readonly CustomerSummary[]) {
    return list.reduce((sum, { x, tx, T }) => {
      const lnB = (p: number, q: number) => lgamma(p) + lgamma(q) - lgamma(p + q);
      const common = lgamma(r + x) - lgamma(r) + r * Math.log(alpha);
      let l = Math.exp(lnB(a, b + x) - lnB(a, b) - (r + x) * Math.log(alpha + T));
      if (x > 0) l += Math.exp(lnB(a + 1, b + x - 1) - lnB(a, b) - (r + x) * Math.log(alpha + tx));
      return sum + common + Math.log(l);
    }, 0);
  }

  it('on the compressed tuples equals the sum over customers', () => {
    const data = compressBgNbd(customers);
    expect(data.weight.length).toBeLessThan(customers.length);
    const params = { r: 0.3, alpha: 5, a: 0.9, b: 2 };
    expect(relative(bgNbdLogLikelihood(data, params), naive(params, customers))).toBeLessThan(
      1e-12,
    );
  });

  it('has an exact gradient (central differences agree)', () => {
    const data = compressBgNbd(customers);
    const params = { r: 0.3, alpha: 5, a: 0.9, b: 2 };
    const gradient = new Float64Array(4);
    bgNbdLogLikelihood(data, params, gradient);
    (['r', 'alpha', 'a', 'b'] as const).forEach((name, i) => {
      const h = 1e-6 * params[name];
      const up = bgNbdLogLikelihood(data, { ...params, [name]: params[name] + h });
      const down = bgNbdLogLikelihood(data, { ...params, [name]: params[name] - h });
      expect(relative(gradient[i]!, (up - down) / (2 * h))).toBeLessThan(1e-6);
    });
  });

  it('refuses degenerate or invalid data', () => {
    const one = [{ x: 1, tx: 2, T: 3, monetary: 5 }];
    expect(() => fitBgNbd(one)).toThrow(ModelUnavailableError);
    const noRepeats = [0, 1, 2].map((T) => ({ x: 0, tx: 0, T, monetary: 0 }));
    expect(() => fitBgNbd(noRepeats)).toThrow(/repeat occasion/);
    expect(() => fitBgNbd([...one, { x: 1, tx: 5, T: 3, monetary: 0 }])).toThrow(RangeError);
    expect(() => fitBgNbd([...one, { x: 1.5, tx: 1, T: 3, monetary: 0 }])).toThrow(RangeError);
  });
});
