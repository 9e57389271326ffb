import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { FanSearchView } from '@/components/fans/fan-search-view';
import { fieldIssuesOf } from '@/lib/api/errors';
import { requirePermission } from '@/lib/auth/guard';
import { fanSearchText } from '@/lib/fans/schemas';
import { searchFans } from '@/lib/fans/search';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const [t, app] = await Promise.all([getTranslations('fans'), getTranslations('app')]);
  return { title: `${t('title')} · ${app('name')}` };
}

// Support's fan lookup: the search in the URL (?q=), read as GET /api/fans reads it.
export default async function FansPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePermission('fans');
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw) ?? '';
  const parsed = q.trim() === '' ? null : fanSearchText.safeParse(q);
  const found = parsed?.success ? await searchFans(getDb(), parsed.data) : null;
  const problem = parsed && !parsed.success ? fieldIssuesOf(parsed.error)[0]! : null;
  return <FanSearchView q={q} problem={problem} found={found} />;
}
