// Tanh-sinh (double exponential) quadrature on [0, 1], for checks by numerical integration.
// It copes with integrable singularities at the ends. f receives s and 1 − s, the latter
// computed without cancellation near s = 1.

export function integrate01(f: (s: number, oneMinusS: number) => number, h = 1 / 128): number {
  let sum = 0;
  const limit = 4.5;
  for (let t = -limit; t <= limit + 1e-12; t += h) {
    const u = (Math.PI / 2) * Math.sinh(t);
    const s = 1 / (1 + Math.exp(-2 * u));
    const oneMinusS = 1 / (1 + Math.exp(2 * u));
    if (s <= 0 || oneMinusS <= 0) continue;
    const weight = Math.PI * Math.cosh(t) * s * oneMinusS;
    sum += f(s, oneMinusS) * weight;
  }
  return sum * h;
}
