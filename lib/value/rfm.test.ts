import { describe, expect, it } from 'vitest';
import { quintileScores, rfmScores } from './rfm';
import type { CustomerSummary } from './types';

describe('quintileScores', () => {
  it('gives each fifth of the positions a score, ties the score of their first position', () => {
    expect(quintileScores([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    expect(quintileScores([7, 7, 7])).toEqual([1, 1, 1]);
    expect(quintileScores([3])).toEqual([1]);
    expect(quintileScores([])).toEqual([]);
  });
});

describe('rfmScores', () => {
  // n = 10, so score = 1 + floor(5·i/10) = 1 + floor(i/2), i = first position of the value.
  const customers: CustomerSummary[] = [
    { x: 0, tx: 0, T: 100, monetary: 0 }, //   #0  R = T − tx = 100
    { x: 0, tx: 0, T: 10, monetary: 0 }, //    #1  R = 10
    { x: 1, tx: 5, T: 10, monetary: 20 }, //   #2  R = 5
    { x: 1, tx: 50, T: 60, monetary: 20 }, //  #3  R = 10
    { x: 2, tx: 30, T: 40, monetary: 35 }, //  #4  R = 10
    { x: 3, tx: 80, T: 80, monetary: 15 }, //  #5  R = 0
    { x: 5, tx: 100, T: 200, monetary: 50 }, // #6 R = 100
    { x: 2, tx: 20, T: 50, monetary: 35 }, //  #7  R = 30
    { x: 0, tx: 0, T: 3, monetary: 999 }, //   #8  R = 3; x = 0 so M counts 0, not 999
    { x: 8, tx: 300, T: 301, monetary: 100 }, // #9 R = 1
  ];
  // Recency, best (smallest R) last: 100 100 30 10 10 10 5 3 1 0 (positions 0–9)
  //   R 100 → i 0 → 1;  30 → i 2 → 2;  10 → i 3 → 2;  5 → i 6 → 4;  3 → i 7 → 4;
  //   1 → i 8 → 5;  0 → i 9 → 5
  const r = [1, 2, 4, 2, 2, 5, 1, 2, 4, 5];
  // Frequency x ascending: 0 0 0 1 1 2 2 3 5 8
  //   0 → i 0 → 1;  1 → i 3 → 2;  2 → i 5 → 3;  3 → i 7 → 4;  5 → i 8 → 5;  8 → i 9 → 5
  const f = [1, 1, 2, 2, 3, 4, 5, 3, 1, 5];
  // Monetary (0 when x = 0) ascending: 0 0 0 15 20 20 35 35 50 100
  //   0 → i 0 → 1;  15 → i 3 → 2;  20 → i 4 → 3;  35 → i 6 → 4;  50 → i 8 → 5;  100 → i 9 → 5
  const m = [1, 1, 3, 3, 4, 2, 5, 4, 1, 5];

  it('scores recency, frequency and monetary value by quintile, worked by hand', () => {
    expect(rfmScores(customers)).toEqual(customers.map((_, i) => ({ r: r[i], f: f[i], m: m[i] })));
  });

  it('does not depend on the input order', () => {
    const order = [7, 2, 9, 0, 5, 3, 8, 1, 6, 4];
    const shuffled = rfmScores(order.map((i) => customers[i]!));
    expect(shuffled).toEqual(order.map((i) => ({ r: r[i], f: f[i], m: m[i] })));
  });

  it('refuses an invalid summary', () => {
    expect(() => rfmScores([{ x: 1, tx: 9, T: 3, monetary: 1 }])).toThrow(RangeError);
  });
});
