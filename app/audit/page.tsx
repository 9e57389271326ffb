import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AuditView } from '@/components/audit/audit-view';
import { PageHeader } from '@/components/page-header';
import { requirePermission } from '@/lib/auth/guard';
import { getAuditFilterOptions, listAudit } from '@/lib/audit/queries';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const [t, app] = await Promise.all([getTranslations('auditLog'), getTranslations('app')]);
  return { title: `${t('title')} · ${app('name')}` };
}

// Admins only: who changed what and when, filtered, paged, downloadable.
export default async function AuditPage() {
  await requirePermission('audit');
  const db = getDb();
  const [t, options, first] = await Promise.all([
    getTranslations('auditLog'),
    getAuditFilterOptions(db),
    listAudit(db, {}),
  ]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <AuditView options={options} firstPage={JSON.parse(JSON.stringify(first))} />
    </div>
  );
}
