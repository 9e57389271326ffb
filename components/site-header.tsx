import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { currentUser } from '@/lib/auth/guard';
import { can, homePath } from '@/lib/auth/permissions';
import { SignOutButton } from './auth/sign-out-button';
import { LocaleSwitcher } from './locale-switcher';
import { navItems } from './nav-items';
import { NavLink } from './nav-link';

// Shows only the links the signed-in role may follow; every page checks again on the server.
export async function SiteHeader() {
  const [t, tNav, tAuth, user] = await Promise.all([
    getTranslations('app'),
    getTranslations('nav'),
    getTranslations('auth'),
    currentUser(),
  ]);
  const links = user ? navItems.filter((item) => can(user.role, item.permission)) : [];
  return (
    <header className="border-b border-slate-200 bg-white">
      {/* Phones: logo and language on the first row, links and account on the second.
          Wider screens: logo, language and account on the first row, the links below
          (seven of them do not fit beside the rest even at 1280 px). */}
      <div className="mx-auto grid max-w-6xl grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 gap-y-2 px-4 py-3 sm:grid-cols-[auto_minmax(0,1fr)_auto_auto] sm:gap-x-5 sm:px-6">
        <Link
          href={user ? homePath(user.role) : '/'}
          className="col-start-1 row-start-1 flex min-w-0 items-center gap-2 justify-self-start font-semibold text-slate-900"
        >
          <span
            aria-hidden
            className="grid size-8 shrink-0 place-items-center rounded-lg bg-indigo-600 text-sm font-bold text-white"
          >
            FL
          </span>
          <span className="min-w-0 truncate">{t('name')}</span>
        </Link>
        {links.length > 0 && (
          <nav
            aria-label={tNav('label')}
            data-testid="site-nav"
            className="col-start-1 row-start-2 -ml-1 flex min-w-0 gap-1 overflow-x-auto sm:col-span-4"
          >
            {links.map((item) => (
              <NavLink key={item.href} href={item.href}>
                {tNav(`links.${item.label}`)}
              </NavLink>
            ))}
          </nav>
        )}
        <div className="col-start-2 row-start-1 justify-self-end sm:col-start-3">
          <LocaleSwitcher />
        </div>
        {user && (
          <div className="col-start-2 row-start-2 flex items-center gap-2 justify-self-end sm:col-start-4 sm:row-start-1">
            <Link
              href="/account"
              data-testid="user-menu"
              title={tAuth('account')}
              className="flex items-center gap-2 rounded-md px-1 py-1 text-sm hover:bg-slate-100"
            >
              <span className="hidden max-w-40 truncate font-medium text-slate-800 md:inline">
                {user.name}
              </span>
              <span
                data-testid="user-role"
                className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-slate-600 ring-1 ring-slate-200"
              >
                {tAuth(`roles.${user.role}`)}
              </span>
            </Link>
            <SignOutButton label={tAuth('signOut')} />
          </div>
        )}
      </div>
    </header>
  );
}
