import { getTranslations } from 'next-intl/server';
import { RulesView } from '@/components/rules/rules-view';
import { requirePermission } from '@/lib/auth/guard';
import { can } from '@/lib/auth/permissions';
import { getRulesState } from '@/lib/rules/queries';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

// Admins and operators edit, preview, publish and roll back; growth reads; support gets 403.
export default async function RulesPage() {
  const user = await requirePermission('rules:read');
  const [t, state] = await Promise.all([getTranslations('rules'), getRulesState(getDb())]);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">{t('title')}</h1>
        <p className="mt-1 max-w-prose text-sm text-slate-500">{t('subtitle')}</p>
      </div>
      <RulesView initial={state} canWrite={can(user.role, 'rules:write')} />
    </div>
  );
}
