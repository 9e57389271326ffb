'use client';

import { getSession, signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useState, useSyncExternalStore, type FormEvent } from 'react';
import { landingPath } from '@/lib/auth/permissions';
import { parseSignInError, type SignInError } from '@/lib/auth/sign-in-errors';

const subscribeNothing = () => () => {};

export function SignInForm({
  callbackUrl,
  initialError,
}: {
  callbackUrl: string | null;
  initialError: SignInError | null;
}) {
  const t = useTranslations('auth.signIn');
  const [error, setError] = useState<SignInError | null>(initialError);
  const [pending, setPending] = useState(false);
  // The form submits through next-auth's client; until it is hydrated the button stays
  // disabled, so a password is never sent as a plain form submission.
  const hydrated = useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn('credentials', {
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
        redirect: false,
      });
      if (!result?.ok || result.error) {
        setError(parseSignInError(result?.error) ?? { kind: 'failed' });
        setPending(false);
        return;
      }
      const session = await getSession();
      const role = session?.user?.role;
      // A full load, so the header and every server component see the new session.
      window.location.assign(role ? landingPath(role, callbackUrl) : '/');
    } catch {
      setError({ kind: 'failed' });
      setPending(false);
    }
  }

  const message =
    error?.kind === 'rateLimited'
      ? t('tooManyAttempts', { minutes: Math.ceil(error.retryAfterSeconds / 60) })
      : error && t(error.kind);

  return (
    <form method="post" onSubmit={onSubmit} className="mt-6 flex flex-col gap-4">
      {message && (
        <p
          role="alert"
          data-testid="signin-error"
          className="rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-700"
        >
          {message}
        </p>
      )}
      <label className="flex flex-col gap-1.5 text-sm font-medium text-slate-700">
        {t('email')}
        <input
          data-testid="signin-email"
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          autoFocus
          className="rounded-lg border border-slate-300 bg-white px-3 py-2.5 text-base text-slate-900 shadow-sm focus:border-indigo-500 focus:ring-2 focus:ring-indigo-200 focus:outline-none sm:text-sm"
        />
      </label>
      <label className="flex flex-col gap-1.5 text-sm font-medium text-slate-700">
        {t('password')}
        <input
          data-testid="signin-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="rounded-lg border border-slate-300 bg-white px-3 py-2.5 text-base text-slate-900 shadow-sm focus:border-indigo-500 focus:ring-2 focus:ring-indigo-200 focus:outline-none sm:text-sm"
        />
      </label>
      <button
        type="submit"
        data-testid="signin-submit"
        disabled={!hydrated || pending}
        className="mt-2 rounded-lg bg-indigo-600 px-4 py-2.5 text-sm font-semibold text-white shadow-sm transition hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:opacity-60"
      >
        {pending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
