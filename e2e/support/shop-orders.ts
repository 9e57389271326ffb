import { expect, type Page } from '@playwright/test';

// A shop's customers for the value models: the demo's shop is small, so specs that need a
// fit import, as the purchase CSV import takes them, orders of 120 customers no fan is
// linked to (enough for the models to fit) and one order in EUR, which has no rate.
// Importing them again adds nothing (the keys are the order ids).

const DAY = 86_400_000;

/** A small deterministic random stream (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Orders of shop customers no fan is linked to, buying as BG/NBD assumes: each at its own
 * rate (a purchase every 5 to 100 days) until it drops out after a purchase, with its own
 * probability (5% to 90%), first buying 1 to 200 days ago; and one order in EUR.
 */
function shopOrdersCsv(now: number): string {
  const lines = ['order_id,customer_id,telegram_user_id,amount,currency,occurred_at,status'];
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();
  for (let c = 1; c <= 120; c++) {
    const next = random(c);
    const rate = [0.01, 0.03, 0.08, 0.2][c % 4]!;
    const dropout = [0.05, 0.2, 0.5, 0.9][Math.floor(c / 4) % 4]!;
    let daysAgo = 1 + Math.floor(next() * 200);
    for (let k = 0; daysAgo >= 1; k++) {
      const amount = (30 + next() * 170).toFixed(2);
      lines.push(`E2E-${c}-${k},E2E-C${c},,${amount},CNY,${at(daysAgo)},paid`);
      if (next() < dropout) break;
      daysAgo -= Math.max(1, Math.round(-Math.log(1 - next()) / rate));
    }
  }
  lines.push(`E2E-EUR-1,E2E-EUR,,25.00,EUR,${at(1)},paid`);
  return lines.join('\n');
}

export async function importShopOrders(page: Page) {
  const response = await page.request.post('/api/import', {
    headers: {
      'content-type': 'text/csv',
      'x-file-name': 'e2e-orders.csv',
      origin: new URL(page.url()).origin,
    },
    data: shopOrdersCsv(Date.now()),
  });
  expect(response.status()).toBe(200);
}
