// GET /api/fans/:id – the fan's profile, memberships, stage and tags, and why it is in
// its stage (the lifecycle engine's deciding conditions).
import { defineRoute } from '@/lib/api/define-route';
import { getFanProfile } from '@/lib/fans/profile';
import { fanParams } from '@/lib/fans/schemas';
import { getStageWhy } from '@/lib/fans/why';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

export const GET = defineRoute({ permission: 'fans', params: fanParams }, async ({ params }) => {
  const db = getDb();
  const fan = await getFanProfile(db, params.id);
  return { fan, why: await getStageWhy(db, params.id) };
});
