// POST /api/fans/:id/tags {name} – tags the fan (a new name makes the tag); audited.
import { defineRoute } from '@/lib/api/define-route';
import { fanParams, tagBody } from '@/lib/fans/schemas';
import { addFanTag, listFanTags } from '@/lib/fans/tags';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

export const POST = defineRoute(
  { permission: 'fans', params: fanParams, body: tagBody },
  async ({ params, body, user }) => {
    const db = getDb();
    const result = await addFanTag(db, { fanId: params.id, name: body.name, actorUserId: user.id });
    return { ...result, tags: await listFanTags(db, params.id) };
  },
);
