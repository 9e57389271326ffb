// GET /api/rules/draft/:version/preview – how many fans would move from each stage to each
// other stage under the draft, with sample fans per cell; writes nothing (rules readers).
// Sample fans are named only for roles with fan lookup. Computed at most once per draft and
// data state for 30 s, and bounded per person: one at a time, ten a minute (429 otherwise).
import { NextResponse } from 'next/server';
import { defineRoute } from '@/lib/api/define-route';
import { ApiError } from '@/lib/api/errors';
import { can } from '@/lib/auth/permissions';
import { getPreview } from '@/lib/rules/get-preview';
import { previewLimit } from '@/lib/rules/preview-limit';
import { versionParamsSchema } from '@/lib/rules/schemas';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

export const GET = defineRoute(
  { permission: 'rules:read', params: versionParamsSchema },
  async ({ params, user }) => {
    const admitted = previewLimit.admit(user.id);
    if (!admitted.ok) {
      const refusal = new ApiError({
        code: 'rate_limited',
        message:
          admitted.reason === 'running'
            ? 'Your previous preview is still being computed; try again in a moment.'
            : `Too many previews in a minute; try again in ${admitted.retryAfterSeconds} s.`,
      });
      return NextResponse.json(refusal.toBody(), {
        status: refusal.status,
        headers: {
          'retry-after': String(admitted.retryAfterSeconds),
          'cache-control': 'no-store',
        },
      });
    }
    try {
      return await getPreview(getDb(), params.version, { people: can(user.role, 'fans') });
    } finally {
      admitted.release();
    }
  },
);
