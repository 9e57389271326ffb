// PUT /api/rules/draft/:version – {params}: saves the draft's values, validated by the
// engine (400 with a message per field, nothing saved). DELETE discards the draft.
// Admin and operator only.
import { NextResponse } from 'next/server';
import { guardRoute } from '@/lib/auth/guard';
import { updateDraft } from '@/lib/lifecycle/rule-sets';
import { discardDraft } from '@/lib/rules/queries';
import { getDb } from '@/lib/server/db';
import { jsonObject, rulesErrorResponse, versionParam, type VersionContext } from '../../respond';

export const dynamic = 'force-dynamic';

export const PUT = guardRoute('rules:write', async (request, { params }: VersionContext) => {
  try {
    const version = await versionParam(params);
    const body = await jsonObject(request);
    const draft = await updateDraft(getDb(), version, body.params);
    return NextResponse.json({ version: draft.version, params: draft.params });
  } catch (error) {
    return rulesErrorResponse(error);
  }
});

export const DELETE = guardRoute(
  'rules:write',
  async (_request, { params }: VersionContext, user) => {
    try {
      const version = await versionParam(params);
      await discardDraft(getDb(), { version, actorUserId: user.id });
      return NextResponse.json({ discarded: version });
    } catch (error) {
      return rulesErrorResponse(error);
    }
  },
);
