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
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:flex-nowrap sm:px-6">
        <Link
          href={user ? homePath(user.role) : '/'}
          className="flex min-w-0 items-center gap-2 font-semibold text-slate-900"
        >
          <span
            aria-hidden
            className="grid size-8 shrink-0 place-items-center rounded-lg bg-indigo-600 text-sm font-bold text-white"
          >
            FL
          </span>
          <span className="truncate">{t('name')}</span>
        </Link>
        {links.length > 0 && (
          <nav
            aria-label={tNav('label')}
            data-testid="site-nav"
            className="order-last -mx-1 flex w-full gap-1 overflow-x-auto sm:order-none sm:mx-0 sm:w-auto sm:flex-1"
          >
            {links.map((item) => (
              <NavLink key={item.href} href={item.href}>
                {tNav(`links.${item.label}`)}
              </NavLink>
            ))}
          </nav>
        )}
        <div className="ml-auto flex shrink-0 items-center gap-2 sm:gap-3">
          <LocaleSwitcher />
          {user && (
            <>
              <Link
                href="/account"
                data-testid="user-menu"
                title={tAuth('account')}
                className="flex items-center gap-2 rounded-md px-1.5 py-1 text-sm hover:bg-slate-100"
              >
                <span className="hidden max-w-40 truncate font-medium text-slate-800 md:inline">
                  {user.name}
                </span>
                <span
                  data-testid="user-role"
                  className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600 ring-1 ring-slate-200"
                >
                  {tAuth(`roles.${user.role}`)}
                </span>
              </Link>
              <SignOutButton label={tAuth('signOut')} />
            </>
          )}
        </div>
      </div>
    </header>
  );
}
