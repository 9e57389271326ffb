import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { EmptyState } from '@/components/empty-state';
import { ArpuPanel } from '@/components/growth/arpu-panel';
import { CohortPanel } from '@/components/growth/cohort-panel';
import { FilterBar } from '@/components/growth/filter-bar';
import { FunnelPanel } from '@/components/growth/funnel-panel';
import { PostsPanel } from '@/components/growth/posts-panel';
import { StageOutcomesPanel } from '@/components/growth/stage-outcomes-panel';
import { ValueSection } from '@/components/growth/value-section';
import { requirePermission } from '@/lib/auth/guard';
import { can } from '@/lib/auth/permissions';
import { todayIn } from '@/lib/communities/dates';
import { listCommunities } from '@/lib/communities/queries';
import { defaultGrowthRange, parseGrowthFilters } from '@/lib/growth/filters';
import { getDb } from '@/lib/server/db';
import { PageHeader } from '@/components/page-header';

export const dynamic = 'force-dynamic';

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function GrowthPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePermission('growth');
  // Admins add currency rates: the warnings about purchases without one link to Settings.
  const settingsLink = can(user.role, 'settings');
  const [t, communities, search] = await Promise.all([
    getTranslations('growth'),
    listCommunities(getDb()),
    searchParams,
  ]);
  const today = todayIn('UTC');
  const defaults = defaultGrowthRange(today);
  const parsed = parseGrowthFilters({
    community: one(search.community) ?? 'all',
    from: one(search.from) ?? defaults.from,
    to: one(search.to) ?? defaults.to,
  });
  if (!parsed.ok)
    return (
      <EmptyState testId="filters-invalid" title={t('invalidFilters')}>
        {parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}{' '}
        <a href="/growth" className="font-medium text-indigo-700 underline">
          {t('resetFilters')}
        </a>
      </EmptyState>
    );
  const { filters } = parsed;
  if (filters.communityId !== 0 && !communities.some((c) => c.id === filters.communityId))
    notFound();

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <FilterBar filters={filters} communities={communities} today={today} />
      <div className="grid gap-6 lg:grid-cols-2">
        <CohortPanel filters={filters} />
        <FunnelPanel filters={filters} />
        <StageOutcomesPanel filters={filters} />
        <ArpuPanel filters={filters} settingsLink={settingsLink} />
        <PostsPanel filters={filters} />
      </div>
      <ValueSection filters={filters} settingsLink={settingsLink} />
    </div>
  );
}
