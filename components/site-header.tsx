import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { LocaleSwitcher } from './locale-switcher';

export async function SiteHeader() {
  const t = await getTranslations('app');
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
        <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
          <span
            aria-hidden
            className="grid size-8 place-items-center rounded-lg bg-indigo-600 text-sm font-bold text-white"
          >
            FL
          </span>
          <span className="truncate">{t('name')}</span>
        </Link>
        <LocaleSwitcher />
      </div>
    </header>
  );
}
