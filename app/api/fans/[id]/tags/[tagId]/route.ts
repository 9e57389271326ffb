// DELETE /api/fans/:id/tags/:tagId – takes the tag off the fan; audited.
import { defineRoute } from '@/lib/api/define-route';
import { fanTagParams } from '@/lib/fans/schemas';
import { listFanTags, removeFanTag } from '@/lib/fans/tags';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

export const DELETE = defineRoute(
  { permission: 'fans', params: fanTagParams },
  async ({ params, user }) => {
    const db = getDb();
    const result = await removeFanTag(db, {
      fanId: params.id,
      tagId: params.tagId,
      actorUserId: user.id,
    });
    return { ...result, tags: await listFanTags(db, params.id) };
  },
);
