// How a refused sign-in travels from the server (lib/auth/options.ts) to the sign-in form:
// next-auth passes a thrown error's message as `error`; a wrong password is its own
// `CredentialsSignin`. Pure, for both sides.

export type SignInError =
  { kind: 'invalid' } | { kind: 'failed' } | { kind: 'rateLimited'; retryAfterSeconds: number };

const rateLimitedPrefix = 'rate_limited:';

/** The error message authorize() throws for a rate-limited attempt. */
export function rateLimitedErrorMessage(retryAfterSeconds: number): string {
  return `${rateLimitedPrefix}${retryAfterSeconds}`;
}

export function parseSignInError(error: string | null | undefined): SignInError | null {
  if (!error) return null;
  if (error.startsWith(rateLimitedPrefix)) {
    const seconds = Number(error.slice(rateLimitedPrefix.length));
    if (Number.isInteger(seconds) && seconds > 0)
      return { kind: 'rateLimited', retryAfterSeconds: seconds };
  }
  return { kind: error === 'CredentialsSignin' ? 'invalid' : 'failed' };
}
