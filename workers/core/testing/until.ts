/** Polls `check` until it is true; fails the test after `timeoutMs`. */
export async function until(
  check: () => Promise<boolean> | boolean,
  { timeoutMs = 20_000, everyMs = 50 } = {},
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
