// The one part of numeric (numericjs.com, no bundled types) that the value models use.
declare module 'numeric' {
  interface UncminResult {
    solution: number[];
    f: number;
    gradient: number[];
    invHessian: number[][];
    iterations: number;
    message: string;
  }
  const numeric: {
    /** BFGS quasi-Newton minimisation; stops when the quasi-Newton step is below tol. */
    uncmin(
      f: (x: number[]) => number,
      x0: number[],
      tol?: number,
      gradient?: (x: number[]) => number[],
      maxit?: number,
      callback?: (iteration: number, x: number[], fx: number, gradient: number[]) => boolean,
      options?: { Hinv?: number[][] },
    ): UncminResult;
  };
  export default numeric;
}
