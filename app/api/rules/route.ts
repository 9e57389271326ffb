// GET /api/rules – the published rules, the open draft and every version with what it
// changed (admin, operator, growth).
import { defineRoute } from '@/lib/api/define-route';
import { getRulesState } from '@/lib/rules/queries';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

export const GET = defineRoute({ permission: 'rules:read' }, async () => getRulesState(getDb()));
