import { describe, expect, it } from 'vitest';
import { bgNbdExpected, bgNbdPAlive } from './bg-nbd';
import { clv12Months } from './clv';
import { gammaGammaExpectedValue } from './gamma-gamma';
import { rfmScores } from './rfm';
import { scoreCustomers } from './score-customers';
import { cdnowCustomers, inDays } from './testing/cdnow';

describe('scoreCustomers', () => {
  it('fits both models and scores every customer, in input order (CDNOW in days)', () => {
    const customers = inDays(cdnowCustomers());
    const result = scoreCustomers(customers);
    expect(result.bgNbd?.converged).toBe(true);
    expect(result.gammaGamma?.customers).toBe(946);
    expect(result.expectedValueSource).toBe('gamma-gamma');
    expect(result.customers).toHaveLength(customers.length);
    const rfm = rfmScores(customers);
    const bg = result.bgNbd!.params;
    const gg = result.gammaGamma!.params;
    for (const i of [0, 1, 2, 5, 1515]) {
      const c = customers[i]!;
      expect(result.customers[i]).toEqual({
        pAlive: bgNbdPAlive(bg, c),
        expected90d: bgNbdExpected(bg, c, 90),
        expectedValue: gammaGammaExpectedValue(gg, c),
        clv12m: clv12Months(bg, gg, c),
        ...rfm[i],
      });
    }
  });

  it('without a Gamma-Gamma fit, falls back to the observed mean values', () => {
    const result = scoreCustomers([
      { x: 0, tx: 0, T: 40, monetary: 0 },
      { x: 2, tx: 20, T: 40, monetary: 30 },
      { x: 0, tx: 0, T: 10, monetary: 0 },
    ]);
    expect(result.gammaGamma).toBeNull();
    expect(result.expectedValueSource).toBe('observed-mean');
    expect(result.customers.map((c) => c.expectedValue)).toEqual([30, 30, 30]);
  });

  it('keeps a BG/NBD fit that did not converge but predicts nothing from it', () => {
    // Three customers cannot pin four parameters down: the optimum runs off to a boundary.
    const result = scoreCustomers([
      { x: 0, tx: 0, T: 40, monetary: 0 },
      { x: 2, tx: 20, T: 40, monetary: 30 },
      { x: 0, tx: 0, T: 10, monetary: 0 },
    ]);
    expect(result.bgNbd?.converged).toBe(false);
    expect(result.bgNbdUnavailable).toMatch(/did not converge/);
    expect(result.customers.every((c) => c.pAlive === null && c.clv12m === null)).toBe(true);
  });

  it('without repeat customers: RFM only, the model outputs null and why', () => {
    const result = scoreCustomers([
      { x: 0, tx: 0, T: 40, monetary: 0 },
      { x: 0, tx: 0, T: 10, monetary: 0 },
    ]);
    expect(result.bgNbd).toBeNull();
    expect(result.bgNbdUnavailable).toMatch(/repeat occasion/);
    expect(result.expectedValueSource).toBe('none');
    expect(result.customers).toEqual([
      { pAlive: null, expected90d: null, expectedValue: null, clv12m: null, r: 1, f: 1, m: 1 },
      { pAlive: null, expected90d: null, expectedValue: null, clv12m: null, r: 3, f: 1, m: 1 },
    ]);
  });

  it('with no customers, returns nothing to score', () => {
    const result = scoreCustomers([]);
    expect(result.customers).toEqual([]);
    expect(result.bgNbd).toBeNull();
  });
});
