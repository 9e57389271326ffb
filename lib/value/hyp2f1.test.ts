import { describe, expect, it } from 'vitest';
import { hyp2f1, hyp2f1ConnectionFormula, hyp2f1Series } from './hyp2f1';
import { digamma, gammaSign, lgamma } from './special';
import { integrate01 } from './testing/quadrature';

const relative = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

describe('special functions', () => {
  it('lgamma and its sign match known values', () => {
    expect(lgamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(lgamma(1)).toBeCloseTo(0, 14);
    expect(lgamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(relative(lgamma(100), 359.1342053695754)).toBeLessThan(1e-14);
    expect(lgamma(-0.5)).toBeCloseTo(Math.log(2 * Math.sqrt(Math.PI)), 14); // Γ(−½) = −2√π
    expect(gammaSign(-0.5)).toBe(-1);
    expect(gammaSign(-1.5)).toBe(1);
    expect(gammaSign(2.5)).toBe(1);
    expect(lgamma(-2)).toBe(Infinity);
    expect(gammaSign(-2)).toBe(0);
  });

  it('digamma matches known values and the derivative of lgamma', () => {
    const eulerGamma = 0.5772156649015329;
    expect(digamma(1)).toBeCloseTo(-eulerGamma, 14);
    expect(digamma(0.5)).toBeCloseTo(-eulerGamma - 2 * Math.LN2, 14);
    for (const x of [0.1, 1.5, 3.7, 9.99, 25, 1e4]) {
      const h = 1e-5 * Math.max(1, x);
      expect(digamma(x)).toBeCloseTo((lgamma(x + h) - lgamma(x - h)) / (2 * h), 6);
    }
  });
});

describe('hyp2f1 against closed forms', () => {
  it('2F1(1, 1; 2; z) = −ln(1−z)/z, including z near 1 (c−a−b = 0, an integer)', () => {
    for (const z of [0.1, 0.5, 0.75, 0.9, 0.99, 0.999999, 1 - 1e-12, -0.5, -3, -1000]) {
      expect(relative(hyp2f1(1, 1, 2, z), -Math.log1p(-z) / z)).toBeLessThan(1e-10);
    }
  });

  it('2F1(a, b; b; z) = (1−z)^−a', () => {
    for (const [a, b] of [
      [0.3, 2.5],
      [2.7, 1.3],
      [15.2, 4.1],
      [1, 2], // c−a−b = −1
    ] as const) {
      for (const z of [0.3, 0.8, 0.95, 0.9999, -0.7]) {
        expect(relative(hyp2f1(a, b, b, z), Math.pow(1 - z, -a))).toBeLessThan(1e-12);
      }
    }
  });

  it('arcsin and artanh forms, z = y² up to 0.9998', () => {
    for (const y of [0.5, 0.9, 0.99, 0.9999]) {
      // c−a−b = 1/2: the connection formula proper
      expect(relative(hyp2f1(0.5, 0.5, 1.5, y * y), Math.asin(y) / y)).toBeLessThan(1e-12);
      // c−a−b = 0: interpolated across the pole
      expect(relative(hyp2f1(0.5, 1, 1.5, y * y), Math.atanh(y) / y)).toBeLessThan(1e-10);
    }
  });

  it('2F1(1, 1; 3; z) = 2[z + (1−z) ln(1−z)]/z² (c−a−b = 1)', () => {
    for (const z of [0.2, 0.8, 0.99, 0.999999]) {
      const want = (2 * (z + (1 - z) * Math.log1p(-z))) / (z * z);
      expect(relative(hyp2f1(1, 1, 3, z), want)).toBeLessThan(1e-10);
    }
  });

  it('terminates for a non-positive integer a (a polynomial), for any z ≤ 1', () => {
    const [b, c] = [2.5, 1.7];
    for (const z of [0.5, 0.95, -4]) {
      const want =
        1 -
        (3 * b * z) / c +
        (3 * b * (b + 1) * z * z) / (c * (c + 1)) -
        (b * (b + 1) * (b + 2) * z ** 3) / (c * (c + 1) * (c + 2));
      expect(relative(hyp2f1(-3, b, c, z), want)).toBeLessThan(1e-13);
    }
  });

  it("z = 1 is Gauss's sum Γ(c)Γ(c−a−b)/(Γ(c−a)Γ(c−b))", () => {
    expect(relative(hyp2f1(0.5, 0.5, 2, 1), 4 / Math.PI)).toBeLessThan(1e-13);
  });

  it('refuses arguments outside its domain', () => {
    expect(() => hyp2f1(1, 1, 2, 1.5)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError); // diverges
    expect(() => hyp2f1(NaN, 1, 2, 0.5)).toThrow(RangeError);
  });
});

describe('hyp2f1 against independent computations', () => {
  // Euler's integral, for c > b > 0:
  // 2F1(a,b;c;z) = Γ(c)/(Γ(b)Γ(c−b)) ∫₀¹ s^(b−1) (1−s)^(c−b−1) (1−zs)^(−a) ds
  function eulerIntegral(a: number, b: number, c: number, z: number) {
    const u = 1 - z;
    const integral = integrate01(
      (s, oneMinusS) =>
        Math.exp(
          (b - 1) * Math.log(s) +
            (c - b - 1) * Math.log(oneMinusS) -
            a * Math.log(oneMinusS + s * u), // 1 − zs, without cancellation
        ),
      1 / 256,
    );
    return Math.exp(lgamma(c) - lgamma(b) - lgamma(c - b)) * integral;
  }

  const cases: [number, number, number][] = [
    [1.98, 0.79, 3.2], // shapes met in BG/NBD: 2F1(a+b−1−r, …; a+b+x−1; z)
    [0.24, 2.43, 4.22],
    [5.3, 1.5, 2.1], // c−a−b < 0: Euler's transformation
    [1, 1, 2 + 1e-9], // c−a−b within 1e-9 of an integer
    [-0.21, 1.98, 2.2],
    [28.43, 26.24, 28.22], // a frequent buyer: 2F1(b+x, r+x; a+b+x−1; z)
  ];
  for (const [a, b, c] of cases) {
    it(`2F1(${a}, ${b}; ${c}; z) matches Euler's integral`, () => {
      for (const z of [0.3, 0.8, 0.97, 0.9995]) {
        expect(relative(hyp2f1(a, b, c, z), eulerIntegral(a, b, c, z))).toBeLessThan(1e-9);
      }
    });
  }

  it('the series and the connection formula agree where both apply', () => {
    for (const [a, b, c] of [
      [1.98, -0.21, 2.2],
      [0.24, 2.43, 2.22],
      [0.7, 1.3, 3.1],
      [1.98, -0.21, 30.2],
    ] as const) {
      for (const z of [0.6, 0.7]) {
        const series = hyp2f1Series(a, b, c, z);
        expect(series).not.toBeNull();
        expect(relative(hyp2f1ConnectionFormula(a, b, c, z), series!)).toBeLessThan(1e-13);
      }
    }
  });
});
