import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PasswordChangeForm } from '@/components/auth/password-change-form';
import { requireUser } from '@/lib/auth/guard';
import { permissionsOf } from '@/lib/auth/permissions';

export async function generateMetadata(): Promise<Metadata> {
  const [t, app] = await Promise.all([getTranslations('auth.accountPage'), getTranslations('app')]);
  return { title: `${t('title')} · ${app('name')}` };
}

// Who is signed in, what their role gives access to, and their password. Every role may
// see it.
export default async function AccountPage() {
  const [user, t] = await Promise.all([requireUser(), getTranslations('auth')]);
  const rows = [
    { label: t('accountPage.name'), value: user.name, testId: 'account-name' },
    { label: t('accountPage.email'), value: user.email, testId: 'account-email' },
    { label: t('accountPage.role'), value: t(`roles.${user.role}`), testId: 'account-role' },
  ];
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-6">
      <h1 className="text-xl font-semibold text-slate-900">{t('accountPage.title')}</h1>
      <dl className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm">
        {rows.map((row) => (
          <div key={row.testId} className="flex flex-col gap-0.5 px-5 py-3 sm:flex-row sm:gap-4">
            <dt className="text-sm text-slate-500 sm:w-28 sm:shrink-0">{row.label}</dt>
            <dd data-testid={row.testId} className="text-sm font-medium break-all text-slate-900">
              {row.value}
            </dd>
          </div>
        ))}
      </dl>
      <section className="rounded-xl border border-slate-200 bg-white px-5 py-4 shadow-sm">
        <h2 className="text-sm font-semibold text-slate-900">{t('accountPage.access')}</h2>
        <ul data-testid="account-permissions" className="mt-3 flex flex-col gap-2">
          {permissionsOf(user.role).map((permission) => (
            <li key={permission} className="flex gap-2 text-sm text-slate-700">
              <span aria-hidden className="mt-1.5 size-1.5 shrink-0 rounded-full bg-indigo-500" />
              {t(`permissions.${permission}`)}
            </li>
          ))}
        </ul>
        <p className="mt-4 text-xs text-slate-500">{t('accountPage.accessHint')}</p>
      </section>
      <section
        aria-labelledby="password-title"
        data-testid="account-password"
        className="rounded-xl border border-slate-200 bg-white px-5 py-4 shadow-sm"
      >
        <h2 id="password-title" className="text-sm font-semibold text-slate-900">
          {t('accountPage.password.title')}
        </h2>
        <p className="mt-1 mb-4 text-sm text-slate-500">{t('accountPage.password.description')}</p>
        <PasswordChangeForm email={user.email} />
      </section>
    </div>
  );
}
