// POST /api/settings/users/:id/password – {password?}: an admin sets another user's password,
// the one typed or a generated one answered once. Their sessions end; audited without
// the password.
import { NextResponse } from 'next/server';
import { defineRoute } from '@/lib/api/define-route';
import { passwordResetSchema, userIdParams } from '@/lib/auth/user-schemas';
import { resetPassword } from '@/lib/auth/users';
import { getDb } from '@/lib/server/db';
import { toSetting } from '@/lib/settings/queries';

export const dynamic = 'force-dynamic';

export const POST = defineRoute(
  { permission: 'settings', params: userIdParams, body: passwordResetSchema },
  async ({ params, body, user: actor }) => {
    const { user, generatedPassword } = await resetPassword(getDb(), params.id, body, {
      actorUserId: actor.id,
    });
    return NextResponse.json(
      { user: toSetting(user), generatedPassword },
      { headers: { 'cache-control': 'no-store' } },
    );
  },
);
