// POST /api/rules/draft – the open draft, or a new one copied from the published rules
// (admin, operator).
import { NextResponse } from 'next/server';
import { guardRoute } from '@/lib/auth/guard';
import { startDraft } from '@/lib/lifecycle/rule-sets';
import { getDb } from '@/lib/server/db';
import { rulesErrorResponse } from '../respond';

export const dynamic = 'force-dynamic';

export const POST = guardRoute('rules:write', async (_request, _context: unknown, user) => {
  try {
    const draft = await startDraft(getDb(), { actorUserId: user.id });
    return NextResponse.json({ version: draft.version, params: draft.params });
  } catch (error) {
    return rulesErrorResponse(error);
  }
});
