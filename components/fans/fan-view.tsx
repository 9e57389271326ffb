import { getFormatter, getTranslations } from 'next-intl/server';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { Card } from '@/components/fans/card';
import { personName } from '@/components/fans/fan-name';
import { FanTags } from '@/components/fans/fan-tags';
import { FanTimeline } from '@/components/fans/fan-timeline';
import { Memberships } from '@/components/fans/memberships';
import { PrivacyActions } from '@/components/fans/privacy-actions';
import { ShopCustomers } from '@/components/fans/shop-customers';
import { StageWhyView } from '@/components/fans/stage-why';
import { StageBadge } from '@/components/stage-badge';
import type { FanProfile } from '@/lib/fans/profile';
import type { FanShopCustomers } from '@/lib/fans/shop-customers';
import type { TimelinePage } from '@/lib/fans/timeline';
import type { StageWhy } from '@/lib/fans/why';

// One fan for support: who it is, its shop customers and their value, where it is a member,
// its stage and why, its tags, its whole history, and (with the privacy permission) the
// privacy requests.
export async function FanView({
  fan,
  why,
  firstPage,
  shop,
  privacy,
}: {
  fan: FanProfile;
  why: StageWhy | null;
  firstPage: TimelinePage;
  shop: FanShopCustomers;
  privacy: boolean;
}) {
  const [t, tStage, format] = await Promise.all([
    getTranslations('fans'),
    getTranslations('stages'),
    getFormatter(),
  ]);
  const name =
    personName(fan) ??
    (fan.erased ? t('name.erased', { id: fan.id }) : t('name.unnamed', { id: fan.id }));
  const date = (iso: string | null, time = false) =>
    iso
      ? format.dateTime(
          new Date(iso),
          time ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' },
        )
      : t('profile.unknown');
  const none = t('profile.unknown');
  const rows: { label: string; value: ReactNode; testId: string }[] = [
    { label: t('profile.fanNumber'), value: `#${fan.id}`, testId: 'fan-number' },
    {
      label: t('profile.telegramId'),
      value: fan.telegramUserId ?? none,
      testId: 'fan-telegram-id',
    },
    {
      label: t('profile.username'),
      value: fan.username ? `@${fan.username}` : none,
      testId: 'fan-username',
    },
    { label: t('profile.firstName'), value: fan.firstName ?? none, testId: 'fan-first-name' },
    { label: t('profile.lastName'), value: fan.lastName ?? none, testId: 'fan-last-name' },
    { label: t('profile.language'), value: fan.languageCode ?? none, testId: 'fan-language' },
    {
      label: t('profile.bot'),
      value: fan.isBot ? t('profile.yes') : t('profile.no'),
      testId: 'fan-bot',
    },
    { label: t('profile.firstSeen'), value: date(fan.firstSeenAt, true), testId: 'fan-first-seen' },
  ];

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-3">
        <Link href="/fans" className="text-sm font-medium text-indigo-700 hover:underline">
          ← {t('profile.back')}
        </Link>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h1
            data-testid="fan-name"
            className={`min-w-0 text-xl font-semibold tracking-tight break-words ${fan.erased ? 'text-slate-600 italic' : ''}`}
          >
            {name}
          </h1>
          {fan.stage && <StageBadge stage={fan.stage.stage} label={tStage(fan.stage.stage)} />}
        </div>
        <p className="flex flex-wrap gap-x-3 text-sm text-slate-500 tabular-nums">
          {fan.username && <span>@{fan.username}</span>}
          {fan.telegramUserId !== null && <span>Telegram {fan.telegramUserId}</span>}
          <span>#{fan.id}</span>
        </p>
        {fan.erasedAt && (
          <p
            data-testid="fan-erased"
            className="rounded-lg bg-slate-100 px-4 py-3 text-sm text-slate-700 ring-1 ring-slate-200"
          >
            {t('profile.erased', { date: date(fan.erasedAt, true) })}
          </p>
        )}
      </div>

      {/* Wide screens: stage and timeline on the left, the rest on the right. Phones: profile,
          memberships and tags first, then the stage and timeline, privacy last. */}
      <div className="grid gap-6 lg:grid-cols-3 lg:grid-rows-[auto_1fr]">
        <div className="flex min-w-0 flex-col gap-6 lg:col-start-3 lg:row-start-1">
          <Card title={t('profile.title')} testId="fan-profile">
            <dl className="divide-y divide-slate-100 text-sm">
              {rows.map((row) => (
                <div key={row.testId} className="flex gap-3 py-1.5">
                  <dt className="w-28 shrink-0 text-slate-500">{row.label}</dt>
                  <dd data-testid={row.testId} className="min-w-0 break-words text-slate-900">
                    {row.value}
                  </dd>
                </div>
              ))}
            </dl>
          </Card>
          <Card
            title={t('customers.title')}
            subtitle={t('customers.subtitle')}
            testId="fan-customers-card"
          >
            <ShopCustomers
              fanId={fan.id}
              currency={shop.currency}
              initialCustomers={shop.customers}
              erased={fan.erased}
            />
          </Card>
          <Card title={t('tags.title')} testId="fan-tags-card">
            <FanTags fanId={fan.id} initialTags={fan.tags} erased={fan.erased} />
          </Card>
          <Card title={t('memberships.title')}>
            <Memberships memberships={fan.memberships} />
          </Card>
        </div>
        <div className="flex min-w-0 flex-col gap-6 lg:col-span-2 lg:col-start-1 lg:row-span-2 lg:row-start-1">
          <Card title={t('why.title')}>
            <StageWhyView stage={fan.stage} why={why} />
          </Card>
          <Card
            title={t('timeline.title')}
            subtitle={
              <>
                {t('timeline.subtitle')}
                <span className="block text-xs text-slate-400">{t('timeline.botNote')}</span>
              </>
            }
          >
            <FanTimeline fanId={fan.id} erasedAt={fan.erasedAt} firstPage={firstPage} />
          </Card>
        </div>
        {privacy && (
          <div className="min-w-0 lg:col-start-3 lg:row-start-2">
            <Card title={t('privacy.title')} testId="fan-privacy">
              <PrivacyActions fanId={fan.id} erasedAt={fan.erasedAt} />
            </Card>
          </div>
        )}
      </div>
    </div>
  );
}
