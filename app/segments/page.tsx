import { sql } from 'drizzle-orm';
import { getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/empty-state';
import { SegmentBrowser } from '@/components/segments/segment-browser';
import { requirePermission } from '@/lib/auth/guard';
import { listCommunities } from '@/lib/communities/queries';
import { getDb } from '@/lib/server/db';
import { parseSegmentFilters, segmentSearchParams } from '@/lib/segments/filters';
import { listSegments } from '@/lib/segments/saved';
import { PageHeader } from '@/components/page-header';

export const dynamic = 'force-dynamic';

export default async function SegmentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePermission('segments');
  const db = getDb();
  const [t, search, communities, saved, tagRows] = await Promise.all([
    getTranslations('segments'),
    searchParams,
    listCommunities(db),
    listSegments(db),
    db.execute<{ name: string }>(sql`select name from tags order by name`),
  ]);
  const parsed = parseSegmentFilters(
    Object.fromEntries(Object.entries(search).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])),
  );
  if (!parsed.ok)
    return (
      <EmptyState testId="segment-filters-invalid" title={t('invalidFilters')}>
        {parsed.issues.map((i) => [i.path, i.message].filter(Boolean).join(' ')).join('; ')}{' '}
        <a href="/segments" className="font-medium text-indigo-700 underline">
          {t('reset')}
        </a>
      </EmptyState>
    );
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <SegmentBrowser
        filters={parsed.filters}
        query={segmentSearchParams(parsed.filters).toString()}
        tags={tagRows.map((r) => r.name)}
        communities={communities.map((c) => ({ id: c.id, title: c.title }))}
        saved={saved}
      />
    </div>
  );
}
