import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { DbHandle } from '../../db/client';
import { createDemoUsers, demoUser } from '../../lib/auth/bootstrap';
import { growthChartNames } from '../../lib/charts/growth-charts';
import { overviewCharts } from '../../lib/charts/overview-charts';
import { addDays } from '../../lib/communities/dates';
import { refreshGrowthRollups } from '../../lib/growth/rollups';
import { refreshLifecycle } from '../../lib/lifecycle/refresh';
import { authChildEnv, randomAuthSecret } from '../auth-env';
import { ensureNextBuild } from '../next-build';
import { startChild, stopChild, waitForHttp } from '../processes';
import { seconds, type Report } from './report';

const CLIENTS = 10;
const REQUESTS_PER_CLIENT = 20;
const PORT = 3290;

/**
 * The exact stage history of the loaded facts (one replay of every fan, which keeps the
 * growth rollups of the history), then the growth rollups of the facts.
 */
export async function prepareChartHistory(
  { db }: DbHandle,
  { fans, end }: { fans: number; end: Date },
  report: Report,
) {
  // The first run after loading replays every fan's whole history from its facts.
  const [replay] = await seconds(() => refreshLifecycle(db, { asOf: end }));
  const [history] = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from fan_stage_history`,
  );
  report('charts_setup_stage_history', { fans, seconds: replay, stage_changes: history!.n });
  for (const { view, ms } of await refreshGrowthRollups(db))
    report('growth_rollup_refresh', { fans, view, seconds: ms / 1000 });
}

/** Signs in through next-auth's credentials endpoint and returns the session cookie. */
async function signIn(base: string): Promise<string> {
  const user = demoUser('growth');
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(';')[0]);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.join('; ') },
    body: new URLSearchParams({
      csrfToken,
      email: user.email,
      password: user.password,
      json: 'true',
    }),
  });
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.includes('session-token'));
  if (!session) throw new Error(`Sign-in failed with status ${res.status}`);
  return session;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** CLIENTS clients, each sending REQUESTS_PER_CLIENT requests one after another. */
async function load(url: string, cookie: string): Promise<number[]> {
  const timings: number[] = [];
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let i = 0; i < REQUESTS_PER_CLIENT; i++) {
        const started = performance.now();
        const res = await fetch(url, { headers: { cookie } });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${url}: status ${res.status}`);
        timings.push(performance.now() - started);
      }
    }),
  );
  return timings.sort((a, b) => a - b);
}

/**
 * Each chart API of the overview and the growth page through the production web app, with
 * 10 concurrent signed-in clients, on the replayed history of `fans` fans.
 */
export async function benchCharts(
  handle: DbHandle,
  { url, fans, end }: { url: string; fans: number; end: Date },
  report: Report,
): Promise<void> {
  await prepareChartHistory(handle, { fans, end }, report);
  await createDemoUsers(handle.db);
  const [group] = await handle.db.execute<{ id: number }>(
    sql`select id from communities where kind <> 'channel' order by id limit 1`,
  );
  await ensureNextBuild((line) => console.error(line));
  const next = path.join('node_modules', 'next', 'dist', 'bin', 'next');
  const web = startChild(
    'web',
    process.execPath,
    [next, 'start', '-p', String(PORT), '-H', '127.0.0.1'],
    {
      DATABASE_URL: url,
      ...authChildEnv(randomAuthSecret(), PORT),
      NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
    },
  );
  const base = `http://127.0.0.1:${PORT}`;
  try {
    await waitForHttp(`${base}/signin`);
    const cookie = await signIn(base);
    const to = end.toISOString().slice(0, 10);
    const growthRange = `from=${addDays(to, -83)}&to=${to}`;
    const targets = [
      ...Object.keys(overviewCharts).map((chart) => ({
        api: `overview/${chart}`,
        query: `community=${group!.id}&from=${addDays(to, -90)}&to=${addDays(to, -1)}`,
      })),
      ...growthChartNames.flatMap((chart) => [
        { api: `growth/${chart}`, query: `community=all&${growthRange}` },
        { api: `growth/${chart}`, query: `community=${group!.id}&${growthRange}` },
      ]),
    ];
    for (const { api, query } of targets) {
      const address = `${base}/api/${api}?${query}`;
      await load(address, cookie); // warm-up: compiled routes, plans, caches
      const timings = await load(address, cookie);
      const p95 = percentile(timings, 95);
      report('chart_api', {
        fans,
        api,
        community: query.startsWith('community=all') ? 'all' : 'group',
        clients: CLIENTS,
        requests: timings.length,
        p50_ms: Math.round(percentile(timings, 50)),
        p95_ms: Math.round(p95),
        max_ms: Math.round(timings.at(-1)!),
        target_p95_ms: 300,
        met: p95 <= 300 ? 'yes' : 'no',
      });
    }
  } finally {
    await stopChild(web);
  }
}
