/** Prints one JSON line per measurement. */
export type Report = (bench: string, fields: Record<string, number | string>) => void;

export const report: Report = (bench, fields) => console.log(JSON.stringify({ bench, ...fields }));

/** Runs `run` and returns how long it took in seconds (ms precision), with its result. */
export async function seconds<T>(run: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await run();
  return [+((performance.now() - started) / 1000).toFixed(3), result];
}
