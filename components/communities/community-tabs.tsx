import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import type { CommunityListItem } from '@/lib/communities/types';

export async function CommunityTabs({
  communities,
  selectedId,
}: {
  communities: CommunityListItem[];
  selectedId: number;
}) {
  const t = await getTranslations('community');
  return (
    <nav aria-label={t('listLabel')} className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
      <ul className="flex gap-2">
        {communities.map((c) => {
          const selected = c.id === selectedId;
          return (
            <li key={c.id} className="shrink-0">
              <Link
                href={`/?community=${c.id}`}
                aria-current={selected ? 'page' : undefined}
                data-testid={`community-tab-${c.id}`}
                className={`flex items-center gap-2 rounded-full border px-3.5 py-1.5 text-sm transition ${
                  selected
                    ? 'border-indigo-600 bg-indigo-600 text-white shadow-sm'
                    : 'border-slate-200 bg-white text-slate-700 hover:border-slate-300 hover:bg-slate-100'
                }`}
              >
                <span className="font-medium">{c.title}</span>
                <span className={selected ? 'text-indigo-100' : 'text-slate-400'}>
                  {t(`kind.${c.kind}`)}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
