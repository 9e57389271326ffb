// GET /api/fans/:id/export – everything held about the fan as a JSON download (privacy
// requests); audited as fan.export.
import { defineRoute } from '@/lib/api/define-route';
import { exportFan } from '@/lib/fans/export-fan';
import { fanParams } from '@/lib/fans/schemas';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

export const GET = defineRoute(
  { permission: 'privacy', params: fanParams },
  async ({ params, user }) => {
    const data = await exportFan(getDb(), params.id, { actorUserId: user.id });
    return new Response(JSON.stringify(data, null, 2), {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="fan-${params.id}-export.json"`,
        'cache-control': 'no-store',
      },
    });
  },
);
