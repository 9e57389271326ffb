import { getFormatter, getTranslations } from 'next-intl/server';
import Link from 'next/link';
import type { CommunityMembership } from '@/lib/fans/profile';
import { personName } from './fan-name';

/** Per community: member or left now, and every join and leave with who invited and how. */
export async function Memberships({ memberships }: { memberships: CommunityMembership[] }) {
  const [t, tName, format] = await Promise.all([
    getTranslations('fans.memberships'),
    getTranslations('fans.name'),
    getFormatter(),
  ]);
  if (memberships.length === 0) return <p className="text-sm text-slate-500">{t('none')}</p>;
  return (
    <ul data-testid="fan-memberships" className="flex flex-col gap-4 text-sm">
      {memberships.map((m) => (
        <li key={m.communityId}>
          <div className="flex items-center justify-between gap-2">
            <span className="min-w-0 truncate font-medium text-slate-900" title={m.title}>
              {m.title}
            </span>
            <span
              className={`shrink-0 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${
                m.current === 'join'
                  ? 'bg-emerald-50 text-emerald-700 ring-emerald-200'
                  : 'bg-slate-50 text-slate-600 ring-slate-200'
              }`}
            >
              {m.current === 'join' ? t('member') : t('left')}
            </span>
          </div>
          <ol className="mt-1.5 flex flex-col gap-1 border-l border-slate-200 pl-3">
            {m.records.map((r) => {
              const inviter = r.invitedBy;
              return (
                <li key={r.id} className="text-slate-600">
                  <span className="font-medium text-slate-700">{t(r.action)}</span>{' '}
                  <time dateTime={r.at} className="tabular-nums">
                    {format.dateTime(new Date(r.at), { dateStyle: 'medium', timeStyle: 'short' })}
                  </time>
                  {inviter && (
                    <>
                      {' · '}
                      {t.rich('invitedBy', {
                        name:
                          personName(inviter) ??
                          (inviter.erased
                            ? tName('erased', { id: inviter.id })
                            : tName('unnamed', { id: inviter.id })),
                        link: (chunks) => (
                          <Link
                            href={`/fans/${inviter.id}`}
                            className="text-indigo-700 hover:underline"
                          >
                            {chunks}
                          </Link>
                        ),
                      })}
                    </>
                  )}
                  {r.inviteLink && (
                    <>
                      {' · '}
                      <span className="break-all">{t('via', { link: r.inviteLink })}</span>
                    </>
                  )}
                  <span className="text-slate-400">
                    {' · '}
                    {t(`source.${r.source as 'live'}`)}
                  </span>
                </li>
              );
            })}
          </ol>
        </li>
      ))}
    </ul>
  );
}
