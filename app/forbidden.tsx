import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { EmptyState } from '@/components/empty-state';
import { currentUser } from '@/lib/auth/guard';
import { homePath } from '@/lib/auth/permissions';

// Shown with status 403 when requirePermission() finds the role lacks the permission.
export default async function Forbidden() {
  const [t, user] = await Promise.all([getTranslations('auth'), currentUser()]);
  return (
    <EmptyState title={t('forbidden.title')} testId="forbidden">
      {user && <p>{t('forbidden.body', { role: t(`roles.${user.role}`) })}</p>}
      <Link
        href={user ? homePath(user.role) : '/signin'}
        className="mt-4 inline-block font-medium text-indigo-600 hover:underline"
      >
        {t('forbidden.home')}
      </Link>
    </EmptyState>
  );
}
