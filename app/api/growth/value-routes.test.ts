import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { useTestDb } from '@/db/testing/test-db';
import { callRoute } from '@/lib/api/testing/call-route';
import { seedValueShop } from '@/lib/growth/testing/value-seed';
import type { ValueFitState } from '@/lib/growth/value-fit';
import { runWaitingValueFit } from '@/lib/revenue/value-fit-requests';
import { roleCookies } from '@/lib/segments/testing/seed';
import { GET as chart } from './[chart]/route';
import { GET as fitStatus, POST as refit } from './value-fit/route';

let db: Database;
let cookies: Awaited<ReturnType<typeof roleCookies>>;
let fanIds: Record<number, number>;
beforeAll(async () => {
  const test = await useTestDb();
  db = test.db;
  process.env.DATABASE_URL = test.url;
  ({ fanIds } = await seedValueShop(db));
  cookies = await roleCookies(db);
});

const march = { from: '2025-03-01', to: '2025-03-31' };
const getChart = (name: string, query: Record<string, string>, cookie = cookies.growth) =>
  callRoute(chart, `/api/growth/${name}`, { params: { chart: name }, query, cookie });

// The charts first: the refit below replaces the seeded values with a real fit's.
describe('GET /api/growth/value-by-stage and save-first', () => {
  it('GET /api/growth/save-first – fans by number for growth, by name for admin, in JSON and CSV', async () => {
    const growth = await getChart('save-first', march);
    expect(growth.status).toBe(200);
    const data = (growth.json as { data: { personal: boolean; fans: { name: string | null }[] } })
      .data;
    expect(data.personal).toBe(false);
    expect(data.fans.map((f) => f.name)).toEqual([null, null, null]);
    expect(growth.text).not.toMatch(/Fan \d|fan_\d/);
    const csv = await getChart('save-first', { ...march, format: 'csv' });
    expect(csv.text.split('\n').slice(0, 2)).toEqual([
      'fan_id,clv_12m,p_alive,last_purchase_at,currency',
      `${fanIds[1]},300,0.8,2025-03-20T12:00:00Z,CNY`,
    ]);
    const admin = await getChart('save-first', { ...march, format: 'csv' }, cookies.admin);
    expect(admin.text.split('\n').slice(0, 2)).toEqual([
      'fan_id,fan,username,clv_12m,p_alive,last_purchase_at,currency',
      `${fanIds[1]},Fan 1,fan_1,300,0.8,2025-03-20T12:00:00Z,CNY`,
    ]);
  });

  it('GET /api/growth/value-by-stage?format=csv – a row per stage in the base currency', async () => {
    const csv = await getChart('value-by-stage', { ...march, format: 'csv' });
    expect(csv.status).toBe(200);
    expect(csv.text.trim().split('\n')).toEqual([
      'stage,fans_with_customer,fans_with_clv,clv_12m_total,clv_12m_mean,revenue,currency',
      'new,0,0,0,,0,CNY',
      'active,1,1,900,900,500,CNY',
      'core,1,1,40,40,80,CNY',
      'high_value,1,1,1500,1500,0,CNY',
      'at_risk,3,3,550,183.33,300,CNY',
      'churned,1,1,5,5,20,CNY',
    ]);
  });
});

describe('/api/growth/value-fit', () => {
  it('GET /api/growth/value-fit – the latest fit, nothing waiting, the purchases without a rate', async () => {
    const res = await callRoute(fitStatus, '/api/growth/value-fit', { cookie: cookies.growth });
    expect(res.status).toBe(200);
    const state = res.json as ValueFitState;
    expect(state.fit).toMatchObject({
      asOf: '2025-04-30T00:00:00Z',
      currency: 'CNY',
      customers: 10,
      bgNbd: { params: { r: 0.25, alpha: 30.9, a: 0.79, b: 2.43 }, logLikelihood: -123.456 },
      gammaGamma: null,
      problem: 'Gamma-Gamma: expected values from observed-mean',
    });
    expect(state.pending).toBeNull();
    expect(state.unconverted).toEqual({ purchases: 2, currencies: ['USD'] });
  });

  it('POST /api/growth/value-fit – queues one request (audited) that the worker turns into a fit', async () => {
    const first = await callRoute(refit, '/api/growth/value-fit', {
      method: 'POST',
      cookie: cookies.growth,
    });
    expect(first.status).toBe(200);
    const queued = first.json as ValueFitState & { requestId: number };
    expect(queued.pending).toMatchObject({ startedAt: null });
    // Asked again while it waits: the same request.
    const again = await callRoute(refit, '/api/growth/value-fit', {
      method: 'POST',
      cookie: cookies.admin,
    });
    expect((again.json as { requestId: number }).requestId).toBe(queued.requestId);
    const audit = await db.execute<{ actor_user_id: number; entity_id: string }>(sql`
      select actor_user_id, entity_id from audit_log where action = 'value_fit.request' order by id`);
    expect(audit.map((a) => a.actor_user_id)).toEqual([cookies.ids.growth, cookies.ids.admin]);
    expect(audit[0]!.entity_id).toBe(String(queued.requestId));

    const fitId = await runWaitingValueFit(db);
    const after = (await callRoute(fitStatus, '/api/growth/value-fit', { cookie: cookies.growth }))
      .json as ValueFitState;
    expect(after.pending).toBeNull();
    expect(after.fit!.id).toBe(fitId);
    expect(after.fit!.id).not.toBe(queued.fit!.id);
    // C's only purchase has no rate: it is left out of the fit.
    expect(after.fit!.customers).toBe(9);
  });

  it('GET and POST /api/growth/value-fit – refused to roles without the growth charts', async () => {
    for (const role of ['operator', 'support'] as const) {
      expect(
        (await callRoute(fitStatus, '/api/growth/value-fit', { cookie: cookies[role] })).status,
      ).toBe(403);
      expect(
        (
          await callRoute(refit, '/api/growth/value-fit', {
            method: 'POST',
            cookie: cookies[role],
          })
        ).status,
      ).toBe(403);
    }
    expect((await callRoute(fitStatus, '/api/growth/value-fit')).status).toBe(401);
    const waiting = await db.execute(
      sql`select 1 from value_fit_requests where finished_at is null`,
    );
    expect(waiting).toEqual([]);
  });
});
