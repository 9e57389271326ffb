// GET /api/fans/:id/export – everything held about the fan as a JSON download (privacy
// requests); audited as fan.export.
import { guardRoute } from '@/lib/auth/guard';
import { exportFan } from '@/lib/fans/privacy';
import { getDb } from '@/lib/server/db';
import { fanIdOf, respond, type FanRouteContext } from '../../respond';

export const dynamic = 'force-dynamic';

export const GET = guardRoute('privacy', async (_request, context: FanRouteContext, user) =>
  respond(async () => {
    const id = await fanIdOf(context);
    const data = await exportFan(getDb(), id, { actorUserId: user.id });
    return new Response(JSON.stringify(data, null, 2), {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="fan-${id}-export.json"`,
        'cache-control': 'no-store',
      },
    });
  }),
);
