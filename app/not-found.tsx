import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { EmptyState } from '@/components/empty-state';

export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <EmptyState title={t('title')} testId="not-found">
      <p>{t('body')}</p>
      <Link href="/" className="mt-4 inline-block font-medium text-indigo-600 hover:underline">
        {t('back')}
      </Link>
    </EmptyState>
  );
}
