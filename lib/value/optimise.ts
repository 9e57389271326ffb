// Optimiser: numeric's uncmin (BFGS with a backtracking line search), because it is
// dependency-free CommonJS that loads in Node, Next and vitest alike and uses our analytic
// gradients; fmin, the usual choice, cannot be imported from Node ESM (0.0.4 ships a UMD
// bundle under "type": "module") and its Nelder–Mead shrink step throws in strict mode.
import numeric from 'numeric';

export interface Evaluation {
  value: number;
  gradient: number[];
}

export interface MinimiseResult {
  x: number[];
  value: number;
  gradient: number[];
  iterations: number;
  /**
   * The Hessian (central differences of the gradient) is positive definite at x and the
   * Newton step from x moves no coordinate by more than `stepTolerance`: x is a minimum
   * to that precision. (A gradient test alone fails on flat ridges such as the
   * Gamma-Gamma's, where the gradient stalls at its rounding floor ~1e-7 while the
   * parameters are already right to ~1e-7 relative.)
   */
  converged: boolean;
  /** The largest coordinate of that Newton step (Infinity when the Hessian is not PD). */
  newtonStep: number;
}

export interface MinimiseOptions {
  /** Convergence: the largest coordinate of the Newton step (see MinimiseResult). */
  stepTolerance?: number;
  maxIterations?: number;
}

/** Solves H s = g for a symmetric H by Cholesky; null when H is not positive definite. */
function choleskySolve(h: number[][], g: readonly number[]): number[] | null {
  const n = g.length;
  const l = h.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = h[i]![j]!;
      for (let k = 0; k < j; k++) sum -= l[i]![k]! * l[j]![k]!;
      if (i === j) {
        if (!(sum > 0)) return null;
        l[i]![i] = Math.sqrt(sum);
      } else {
        l[i]![j] = sum / l[j]![j]!;
      }
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let sum = g[i]!;
    for (let k = 0; k < i; k++) sum -= l[i]![k]! * y[k]!;
    y[i] = sum / l[i]![i]!;
  }
  const s = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let k = i + 1; k < n; k++) sum -= l[k]![i]! * s[k]!;
    s[i] = sum / l[i]![i]!;
  }
  return s;
}

/** The largest coordinate of the Newton step at x, or Infinity if the Hessian is not PD. */
function newtonStepSize(gradient: (x: readonly number[]) => number[], x: readonly number[]) {
  const n = x.length;
  const h = 1e-5;
  const columns = x.map((_, i) => {
    const up = x.slice();
    const down = x.slice();
    up[i] = x[i]! + h;
    down[i] = x[i]! - h;
    const gUp = gradient(up).slice();
    const gDown = gradient(down);
    return gUp.map((v, j) => (v - gDown[j]!) / (2 * h));
  });
  const hessian = columns.map((_, i) =>
    columns.map((__, j) => (columns[i]![j]! + columns[j]![i]!) / 2),
  );
  const step = choleskySolve(hessian, gradient(x));
  if (!step || step.length !== n) return Infinity;
  return Math.max(...step.map(Math.abs));
}

/**
 * Minimises a smooth function given with its gradient: BFGS from x0, then BFGS again from
 * that optimum with a fresh (identity) inverse Hessian, so a run that stopped on a stale
 * curvature estimate gets a second chance; convergence is then checked with a Newton step
 * (see MinimiseResult.converged). A non-finite value counts as "too far" in the line search.
 */
export function minimise(
  objective: (x: readonly number[]) => Evaluation,
  x0: readonly number[],
  { stepTolerance = 1e-6, maxIterations = 1000 }: MinimiseOptions = {},
): MinimiseResult {
  // uncmin asks for f(x) then the gradient at the same x: evaluate once.
  let lastX: number[] = [];
  let last: Evaluation = { value: NaN, gradient: [] };
  const evaluate = (x: readonly number[]) => {
    if (x.length !== lastX.length || x.some((v, i) => v !== lastX[i])) {
      last = objective(x);
      lastX = x.slice();
    }
    return last;
  };
  // A non-finite value (the fits return NaN where exp of a log-parameter over- or
  // underflows, see usable()) makes uncmin's line search step back.
  const f = (x: number[]) => {
    const value = evaluate(x).value;
    return Number.isFinite(value) ? value : NaN;
  };
  const gradient = (x: readonly number[]) => evaluate(x).gradient;

  if (!Number.isFinite(evaluate(x0).value)) {
    throw new Error('minimise: the objective is not finite at the starting point');
  }
  let x = x0.slice();
  let iterations = 0;
  let exhausted = false;
  for (let run = 0; run < 2; run++) {
    // The step tolerance of uncmin itself is far tighter: it stops on rounding noise.
    const result = numeric.uncmin(f, x, 1e-11, gradient, maxIterations);
    iterations += result.iterations;
    x = result.solution;
    exhausted = result.message.startsWith('maxit');
  }
  const end = evaluate(x);
  const { value } = end;
  const endGradient = end.gradient.slice();
  const newtonStep = Number.isFinite(value) ? newtonStepSize(gradient, x) : Infinity;
  return {
    x,
    value,
    gradient: endGradient,
    iterations,
    converged: !exhausted && newtonStep < stepTolerance,
    newtonStep,
  };
}

/** Every parameter positive and finite (exp of a log-parameter may over- or underflow). */
export function usable(params: object): boolean {
  return Object.values(params).every((v) => typeof v === 'number' && v > 0 && v < Infinity);
}
