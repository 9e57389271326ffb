// POST /api/account/password – {currentPassword, newPassword}: anyone signed in changes their
// own password. The current one is checked under the sign-in limits; every other session
// ends and this browser gets a fresh one. Audited without either password.
import { NextResponse } from 'next/server';
import { defineRoute } from '@/lib/api/define-route';
import { clientAddress, trustedProxiesFromEnv } from '@/lib/auth/client-address';
import { renewSession } from '@/lib/auth/renew-session';
import { passwordChangeSchema } from '@/lib/auth/user-schemas';
import { changeOwnPassword } from '@/lib/auth/users';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

export const POST = defineRoute(
  { permission: 'account', body: passwordChangeSchema },
  async ({ request, body, user }) => {
    const changed = await changeOwnPassword(getDb(), user, body, {
      address: clientAddress(request.headers, trustedProxiesFromEnv()),
    });
    return renewSession(request, NextResponse.json({ changed: true }), changed);
  },
);
