'use client';

import { useTranslations } from 'next-intl';
import { EmptyState } from '@/components/empty-state';

export default function ErrorPage({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const t = useTranslations('error');
  return (
    <EmptyState title={t('title')} testId="error-state">
      <p>{t('body')}</p>
      <button
        type="button"
        onClick={reset}
        className="mt-4 rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-500"
      >
        {t('retry')}
      </button>
    </EmptyState>
  );
}
