'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { useRulesQuery } from '@/lib/rules/hooks';
import type { RulesState } from '@/lib/rules/types';
import type { Notice } from './card';
import { DraftSection } from './draft-section';
import { PublishedRules } from './published-rules';
import { VersionHistory } from './version-history';

/**
 * The Rules page below its title. `canWrite` only hides controls: every change is checked
 * again by its route on the server.
 */
export function RulesView({ initial, canWrite }: { initial: RulesState; canWrite: boolean }) {
  const t = useTranslations('rules');
  const { data: state } = useRulesQuery(initial);
  const [notice, setNotice] = useState<Notice | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) noticeRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [notice]);
  return (
    <div className="flex flex-col gap-6">
      {!canWrite && (
        <p
          data-testid="rules-readonly"
          className="rounded-lg bg-slate-100 px-3 py-2 text-sm text-slate-600"
        >
          {t('readOnly')}
        </p>
      )}
      <PublishedRules published={state.published} />
      <div ref={noticeRef} aria-live="polite" className="empty:hidden">
        {notice && (
          <div
            role={notice.tone === 'error' ? 'alert' : 'status'}
            data-testid="rules-notice"
            data-tone={notice.tone}
            className={`flex items-start justify-between gap-3 rounded-lg p-3 text-sm ring-1 ${
              notice.tone === 'error'
                ? 'bg-red-50 text-red-800 ring-red-200'
                : 'bg-emerald-50 text-emerald-800 ring-emerald-200'
            }`}
          >
            <span>{notice.text}</span>
            <button
              type="button"
              onClick={() => setNotice(null)}
              aria-label={t('dismiss')}
              className="shrink-0 rounded px-1 leading-none opacity-70 hover:opacity-100"
            >
              ×
            </button>
          </div>
        )}
      </div>
      <DraftSection
        draft={state.draft}
        published={state.published}
        canWrite={canWrite}
        onNotice={setNotice}
      />
      <VersionHistory
        versions={state.versions}
        published={state.published}
        hasDraft={state.draft !== null}
        canWrite={canWrite}
        onNotice={setNotice}
      />
    </div>
  );
}
