import { ApiRequestError } from './fetch';

/**
 * react-query's `retry` for reads: a refusal (4xx) says the same the next time, so it is
 * shown at once; a network failure or a 5xx is tried up to three times.
 */
export const retryUnlessRefused = (failures: number, error: Error): boolean =>
  !(error instanceof ApiRequestError && error.status < 500) && failures < 3;
