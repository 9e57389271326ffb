import { getTranslations } from 'next-intl/server';
import { ImportForm } from '@/components/import/import-form';
import { requirePermission } from '@/lib/auth/guard';

export const dynamic = 'force-dynamic';

export default async function ImportPage() {
  await requirePermission('import');
  const t = await getTranslations('import');
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">{t('title')}</h1>
        <p className="mt-1 max-w-prose text-sm text-slate-500">{t('subtitle')}</p>
      </div>
      <ImportForm />
    </div>
  );
}
