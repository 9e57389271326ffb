import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { currentUser } from '@/lib/auth/guard';
import { landingPath } from '@/lib/auth/permissions';
import { parseSignInError } from '@/lib/auth/sign-in-errors';

export async function generateMetadata(): Promise<Metadata> {
  const [t, app] = await Promise.all([getTranslations('auth.signIn'), getTranslations('app')]);
  return { title: `${t('title')} · ${app('name')}` };
}

interface SignInPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function SignInPage({ searchParams }: SignInPageProps) {
  const [params, user, t] = await Promise.all([
    searchParams,
    currentUser(),
    getTranslations('auth.signIn'),
  ]);
  const callbackUrl = first(params.callbackUrl) ?? null;
  // Already signed in: straight on to where the sign-in would have led.
  if (user) redirect(landingPath(user.role, callbackUrl));

  return (
    <div className="mx-auto mt-4 w-full max-w-sm sm:mt-12">
      <div className="rounded-2xl border border-slate-200 bg-white px-5 py-7 shadow-sm sm:px-8 sm:py-9">
        <h1 className="text-xl font-semibold text-slate-900">{t('title')}</h1>
        <p className="mt-1 text-sm text-slate-500">{t('subtitle')}</p>
        <SignInForm
          callbackUrl={callbackUrl}
          // next-auth's redirect after a failed sign-in without the form's script.
          initialError={parseSignInError(first(params.error))}
        />
      </div>
    </div>
  );
}
