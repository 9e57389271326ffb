import { getTranslations } from 'next-intl/server';
import { ImportForm } from '@/components/import/import-form';
import { requirePermission } from '@/lib/auth/guard';
import { PageHeader } from '@/components/page-header';

export const dynamic = 'force-dynamic';

export default async function ImportPage() {
  await requirePermission('import');
  const t = await getTranslations('import');
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <ImportForm />
    </div>
  );
}
