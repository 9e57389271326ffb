import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineRoute, type RouteHandler } from '../api/define-route';
import { ApiError } from '../api/errors';
import { recordAudit } from '../audit/record-audit';
import { can, type Permission } from '../auth/permissions';
import type { ChartDefinition } from '../charts/define-chart';
import { csvText } from '../csv/csv-writer';
import { chartQuerySchema, type GrowthFilters } from '../growth/filters';
import { getDb } from './db';

/**
 * The one chart handler: GET /api/<area>/:chart?community=all|<id>&from=YYYY-MM-DD&to=YYYY-MM-DD
 * as JSON ({ filters, data }) or, with &format=csv, as a CSV download (audited).
 */
export function chartRoute(
  area: string,
  charts: Record<string, ChartDefinition<unknown>>,
  permission: Permission,
): RouteHandler {
  const names = Object.keys(charts) as [string, ...string[]];
  return defineRoute(
    {
      permission,
      params: z.strictObject({
        chart: z.enum(names, { error: `must be one of ${names.join(', ')}` }),
      }),
      query: chartQuerySchema,
    },
    async ({ params, query, user }) => {
      const chart = charts[params.chart]!;
      const filters: GrowthFilters = {
        communityId: query.community,
        from: query.from,
        to: query.to,
      };
      if (filters.communityId === 0 && chart.perCommunity)
        throw new ApiError({
          code: 'invalid',
          message: 'Invalid request: query.community must be one community for this chart',
          fields: [
            {
              path: 'query.community',
              code: 'one_community',
              message: 'must be one community for this chart',
            },
          ],
        });
      const db = getDb();
      if (filters.communityId !== 0) {
        const found = await db.execute(
          sql`select 1 from communities where id = ${filters.communityId}`,
        );
        if (found.length === 0)
          throw new ApiError({
            code: 'not_found',
            message: `Community ${filters.communityId} not found`,
          });
      }
      const viewer = { personal: can(user.role, 'fans') };
      const data = await chart.query(db, filters, viewer);
      if (query.format === 'json') return { filters, data };
      const { columns, rows } = chart.csv(data, viewer);
      await recordAudit(db, {
        actorUserId: user.id,
        action: 'chart.export',
        entity: 'chart',
        entityId: `${area}/${params.chart}`,
        after: { filters, rows: rows.length },
      });
      const community = filters.communityId === 0 ? 'all' : filters.communityId;
      return new Response(csvText(columns, rows), {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${params.chart}-${community}-${filters.from}-${filters.to}.csv"`,
          'cache-control': 'no-store',
        },
      });
    },
  );
}
