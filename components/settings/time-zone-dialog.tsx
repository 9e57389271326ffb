'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { SearchableSelect } from '@/components/ui/searchable-select';
import { useSetTimeZoneMutation, useTimeZonesQuery } from '@/lib/settings/hooks';
import type { CommunitySetting, TimeZoneSaved } from '@/lib/settings/types';
import { useCommunityErrorMessage } from './use-community-error-message';

/** `UTC+08:00`, `UTC−05:00`, `UTC` for an offset in seconds. */
export function offsetLabel(seconds: number): string {
  if (seconds === 0) return 'UTC';
  const minutes = Math.abs(seconds) / 60;
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `UTC${seconds < 0 ? '−' : '+'}${hh}:${mm}`;
}

/**
 * An admin picks a community's time zone from the zones the server accepts. Saving recounts
 * the community's days at once (the request waits for it) and queues its history for a
 * rebuild in the background, whose progress the communities card shows.
 */
export function TimeZoneDialog({
  community,
  onSaved,
  onClose,
}: {
  community: CommunitySetting;
  onSaved: (saved: TimeZoneSaved) => void;
  onClose: () => void;
}) {
  const t = useTranslations('settings.communities.timeZoneDialog');
  const errorMessage = useCommunityErrorMessage();
  const zones = useTimeZonesQuery();
  const save = useSetTimeZoneMutation();
  const [picked, setPicked] = useState<string | null>(community.timeZone);
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const options = useMemo(
    () =>
      (zones.data ?? []).map((z) => ({
        value: z.name,
        label: z.name,
        hint: offsetLabel(z.offsetSeconds),
      })),
    [zones.data],
  );
  const unchanged = picked === null || picked === community.timeZone;
  return (
    <dialog
      ref={dialog}
      data-testid="time-zone-dialog"
      aria-labelledby={`${id}-title`}
      onClose={onClose}
      // The recount is under way: closing would only hide its answer.
      onCancel={(e) => {
        if (save.isPending) e.preventDefault();
      }}
      className="m-auto w-[min(30rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <form
        method="dialog"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (unchanged || save.isPending) return;
          save.mutate(
            { communityId: community.id, timeZone: picked },
            {
              onSuccess: (saved) => {
                onSaved(saved);
                dialog.current?.close();
              },
            },
          );
        }}
        className="flex flex-col gap-4 p-5"
      >
        <div>
          <h3 id={`${id}-title`} className="text-base font-semibold">
            {t('title', { community: community.title })}
          </h3>
          <p className="mt-1 text-sm text-slate-500">{t('description')}</p>
          <p className="mt-2 text-sm text-slate-700" data-testid="time-zone-current">
            {t('current', { zone: community.timeZone })}
          </p>
        </div>
        {zones.isError ? (
          <p role="alert" className="text-sm text-red-700">
            {errorMessage(zones.error)}
          </p>
        ) : zones.isPending ? (
          <p className="text-sm text-slate-500">{t('loading')}</p>
        ) : (
          <SearchableSelect
            label={t('search')}
            placeholder={t('placeholder')}
            noMatches={t('noMatches')}
            options={options}
            value={picked}
            onChange={setPicked}
            testId="time-zone-select"
          />
        )}
        {save.isError && (
          <p role="alert" data-testid="time-zone-error" className="text-sm text-red-700">
            {errorMessage(save.error)}
          </p>
        )}
        <div className="flex flex-wrap items-center justify-end gap-2">
          {picked && !unchanged && (
            <p className="mr-auto text-sm text-slate-600" data-testid="time-zone-picked">
              {t('picked', { zone: picked })}
            </p>
          )}
          <button
            type="button"
            disabled={save.isPending}
            onClick={() => dialog.current?.close()}
            className="rounded-lg border border-slate-200 px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-50"
          >
            {t('cancel')}
          </button>
          <button
            type="submit"
            data-testid="time-zone-save"
            disabled={unchanged || save.isPending}
            className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50"
          >
            {save.isPending ? t('saving') : t('save')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
