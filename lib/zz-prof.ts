export const prof = new Map<string, number>();
export async function timed<T>(name: string, f: () => Promise<T>): Promise<T> {
  const t = performance.now();
  try { return await f(); } finally { prof.set(name, (prof.get(name) ?? 0) + performance.now() - t); }
}
export function dump() { console.log([...prof].map(([k, v]) => `${k}=${v.toFixed(0)}`).join(' ')); prof.clear(); }
