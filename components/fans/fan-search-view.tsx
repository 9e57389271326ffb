import { getFormatter, getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { DataTable, type Column } from '@/components/ui/data-table';
import { personName } from '@/components/fans/fan-name';
import { PageHeader } from '@/components/page-header';
import { StageBadge } from '@/components/stage-badge';
import type { FieldIssue } from '@/lib/api/errors';
import type { FanSearch, FanSearchResult } from '@/lib/fans/search';

// The refusals of lib/fans/schemas.ts's search text, each with its own words.
const problemCodes = [
  'empty',
  'too_long',
  'too_big',
  'bad_username',
  'bad_fan_id',
  'control_character',
  'invalid_unicode',
] as const;

// Support's fan lookup: one search box (a plain GET form, so a search is a link), the
// matching fans below it, or why what was typed cannot be searched.
export async function FanSearchView({
  q,
  problem,
  found,
}: {
  q: string;
  problem: FieldIssue | null;
  found: FanSearch | null;
}) {
  const [t, tStage, format] = await Promise.all([
    getTranslations('fans'),
    getTranslations('stages'),
    getFormatter(),
  ]);
  const name = (f: FanSearchResult) =>
    personName(f) ?? (f.erased ? t('name.erased', { id: f.id }) : t('name.unnamed', { id: f.id }));
  const nameLink = (f: FanSearchResult) => (
    <Link
      href={`/fans/${f.id}`}
      data-testid="fan-result-link"
      className={`font-medium text-indigo-700 hover:underline ${f.erased ? 'italic' : ''}`}
    >
      {name(f)}
    </Link>
  );
  const stage = (f: FanSearchResult) =>
    f.stage ? (
      <StageBadge stage={f.stage} label={tStage(f.stage)} />
    ) : (
      <span className="text-slate-400">{t('noStage')}</span>
    );
  const firstSeen = (f: FanSearchResult) =>
    f.firstSeenAt ? format.dateTime(new Date(f.firstSeenAt), { dateStyle: 'medium' }) : '—';
  const columns: Column<FanSearchResult>[] = [
    { key: 'name', header: t('search.columns.name'), cell: nameLink },
    {
      key: 'username',
      header: t('search.columns.username'),
      align: 'left',
      cell: (f) => (f.username ? `@${f.username}` : '—'),
    },
    {
      key: 'telegram',
      header: t('search.columns.telegramId'),
      cell: (f) => (f.telegramUserId === null ? '—' : String(f.telegramUserId)),
    },
    { key: 'stage', header: t('search.columns.stage'), align: 'left', cell: stage },
    { key: 'firstSeen', header: t('search.columns.firstSeen'), cell: firstSeen },
    {
      key: 'matched',
      header: t('search.columns.matchedBy'),
      align: 'left',
      cell: (f) => <span className="text-slate-500">{t(`search.matchedBy.${f.matchedBy}`)}</span>,
    },
  ];
  const problemCode = problemCodes.find((c) => c === problem?.code);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <form
        action="/fans"
        method="get"
        role="search"
        className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5"
      >
        <label htmlFor="fan-search" className="text-sm font-medium text-slate-700">
          {t('search.label')}
        </label>
        <div className="mt-1.5 flex gap-2">
          <input
            id="fan-search"
            name="q"
            type="search"
            defaultValue={q}
            autoFocus
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
            placeholder={t('search.placeholder')}
            data-testid="fan-search-input"
            aria-describedby="fan-search-hint"
            className="min-w-0 flex-1 rounded-lg border border-slate-300 px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-200 focus:outline-none"
          />
          <button
            type="submit"
            data-testid="fan-search-submit"
            className="shrink-0 rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-700"
          >
            {t('search.submit')}
          </button>
        </div>
        <p id="fan-search-hint" className="mt-2 text-xs text-slate-500">
          {t('search.hint')}
        </p>
      </form>

      {problem && (
        <div
          role="alert"
          data-testid="fan-search-error"
          className="rounded-lg bg-red-50 p-4 text-sm text-red-800"
        >
          {problemCode
            ? t(`search.problems.${problemCode}`, { maximum: Number(problem.maximum ?? 0) })
            : t('search.problems.other', { message: problem.message })}
        </div>
      )}

      {found && found.results.length === 0 && (
        <p
          data-testid="fan-search-none"
          className="rounded-xl border border-dashed border-slate-300 bg-white px-5 py-8 text-center text-sm text-slate-500"
        >
          {t('search.none', { query: q.trim() })}
        </p>
      )}

      {found && found.results.length > 0 && (
        <section
          data-testid="fan-results"
          className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5"
        >
          <h2 className="text-sm font-medium text-slate-700">
            {found.more
              ? t('search.more', { count: found.results.length })
              : t('search.count', { count: found.results.length, query: q.trim() })}
          </h2>
          {/* Phones: one card per fan; wider screens: a table. */}
          <ul className="mt-3 divide-y divide-slate-100 sm:hidden">
            {found.results.map((f) => (
              <li key={f.id} className="flex flex-col gap-1 py-2.5 text-sm">
                <div className="flex items-center justify-between gap-2">
                  <span className="min-w-0 truncate">{nameLink(f)}</span>
                  {stage(f)}
                </div>
                <div className="flex flex-wrap gap-x-3 text-xs text-slate-500 tabular-nums">
                  {f.username && <span>@{f.username}</span>}
                  {f.telegramUserId !== null && <span>ID {f.telegramUserId}</span>}
                  <span>
                    {t('search.columns.firstSeen')}: {firstSeen(f)}
                  </span>
                </div>
              </li>
            ))}
          </ul>
          <div className="mt-3 hidden sm:block">
            <DataTable
              caption={t('search.label')}
              columns={columns}
              rows={found.results}
              rowKey={(f) => String(f.id)}
            />
          </div>
        </section>
      )}
    </div>
  );
}
