import { getTranslations } from 'next-intl/server';
import { RulesView } from '@/components/rules/rules-view';
import { requirePermission } from '@/lib/auth/guard';
import { can } from '@/lib/auth/permissions';
import { getRulesState } from '@/lib/rules/queries';
import { getDb } from '@/lib/server/db';
import { PageHeader } from '@/components/page-header';

export const dynamic = 'force-dynamic';

// Admins and operators edit, preview, publish and roll back; growth reads; support gets 403.
export default async function RulesPage() {
  const user = await requirePermission('rules:read');
  const [t, state] = await Promise.all([getTranslations('rules'), getRulesState(getDb())]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <RulesView initial={state} canWrite={can(user.role, 'rules:write')} />
    </div>
  );
}
