// DELETE /api/segments/saved/:id
import { NextResponse } from 'next/server';
import { guardRoute } from '@/lib/auth/guard';
import { getDb } from '@/lib/server/db';
import { deleteSegment } from '@/lib/segments/saved';

export const dynamic = 'force-dynamic';

export const DELETE = guardRoute(
  'segments',
  async (_request, { params }: { params: Promise<{ id: string }> }) => {
    const id = Number((await params).id);
    if (!Number.isSafeInteger(id) || id <= 0)
      return NextResponse.json(
        { error: 'The segment id must be a positive integer' },
        { status: 400 },
      );
    if (!(await deleteSegment(getDb(), id)))
      return NextResponse.json({ error: `Segment ${id} not found` }, { status: 404 });
    return new Response(null, { status: 204 });
  },
);
