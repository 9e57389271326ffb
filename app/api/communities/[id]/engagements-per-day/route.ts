// GET /api/communities/:id/engagements-per-day?from=YYYY-MM-DD&to=YYYY-MM-DD – daily engagement
import { NextResponse, type NextRequest } from 'next/server';
import { guardRoute } from '@/lib/auth/guard';
import { getEngagementsPerDay } from '@/lib/communities/queries';
import { getEngagementsPerDayParamsSchema } from '@/lib/communities/schemas';
import type { EngagementsPerDayResponse } from '@/lib/communities/types';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

export const GET = guardRoute(
  'overview',
  async (request: NextRequest, ctx: { params: Promise<{ id: string }> }) => {
    const { id } = await ctx.params;
    const search = request.nextUrl.searchParams;
    const parsed = getEngagementsPerDayParamsSchema.safeParse({
      communityId: id,
      from: search.get('from') ?? undefined,
      to: search.get('to') ?? undefined,
    });
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({
        path: i.path.join('.'),
        message: i.message,
      }));
      const error = `Invalid request: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`;
      return NextResponse.json({ error, issues }, { status: 400 });
    }
    const params = parsed.data;
    const days = await getEngagementsPerDay(getDb(), params);
    if (!days) {
      return NextResponse.json(
        { error: `Community ${params.communityId} not found` },
        { status: 404 },
      );
    }
    const body: EngagementsPerDayResponse = { ...params, days };
    return NextResponse.json(body);
  },
);
