import { expect } from 'vitest';

/** The error `promise` is refused with, checked to be a `type`, for tests of its details. */
export async function refusalOf<E>(
  type: abstract new (...args: never[]) => E,
  promise: Promise<unknown>,
): Promise<E> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
}
