import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { FanView } from '@/components/fans/fan-view';
import { requirePermission } from '@/lib/auth/guard';
import { can } from '@/lib/auth/permissions';
import { FanError } from '@/lib/fans/errors';
import { getFanProfile } from '@/lib/fans/profile';
import { fanParams } from '@/lib/fans/schemas';
import { fanShopCustomers } from '@/lib/fans/shop-customers';
import { getTimeline } from '@/lib/fans/timeline';
import { getStageWhy } from '@/lib/fans/why';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [t, app] = await Promise.all([getTranslations('fans'), getTranslations('app')]);
  // The title never carries the fan's name: tabs and history are seen by others.
  const { id } = await params;
  return { title: `${t('name.unnamed', { id: id.slice(0, 20) })} · ${app('name')}` };
}

// One fan: the id read as GET /api/fans/:id reads it; an unknown or malformed one is a 404.
export default async function FanPage({ params }: Props) {
  const user = await requirePermission('fans');
  const parsed = fanParams.safeParse(await params);
  if (!parsed.success) notFound();
  const db = getDb();
  const id = parsed.data.id;
  const fan = await getFanProfile(db, id).catch((error: unknown) => {
    if (error instanceof FanError && error.code === 'not_found') notFound();
    throw error;
  });
  const [why, firstPage, shop] = await Promise.all([
    getStageWhy(db, id),
    getTimeline(db, id),
    fanShopCustomers(db, id),
  ]);
  return (
    <FanView
      fan={fan}
      why={why}
      firstPage={firstPage}
      shop={shop}
      privacy={can(user.role, 'privacy')}
    />
  );
}
