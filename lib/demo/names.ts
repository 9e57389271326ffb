import { en, Faker, zh_CN } from '@faker-js/faker';
import type { Random } from './random';

export interface NamePools {
  en: { first: string[]; last: string[] };
  zh: { first: string[]; last: string[] };
}

/** Seeded pools of real-looking names; fans then draw from them with the fast generator. */
export function buildNamePools(seed: number, size = 400): NamePools {
  const enFaker = new Faker({ locale: [en] });
  const zhFaker = new Faker({ locale: [zh_CN, en] });
  enFaker.seed(seed);
  zhFaker.seed(seed + 1);
  const draw = (f: () => string) => Array.from({ length: size }, f);
  return {
    en: {
      first: draw(() => enFaker.person.firstName()),
      last: draw(() => enFaker.person.lastName()),
    },
    zh: {
      first: draw(() => zhFaker.person.firstName()),
      last: draw(() => zhFaker.person.lastName()),
    },
  };
}

export interface FanName {
  firstName: string;
  lastName: string | null;
  username: string | null;
  languageCode: string;
}

export function drawName(pools: NamePools, rng: Random, telegramUserId: number): FanName {
  const zh = rng.chance(0.6);
  const pool = zh ? pools.zh : pools.en;
  const first = rng.pick(pool.first);
  const last = rng.chance(0.85) ? rng.pick(pool.last) : null;
  const ascii = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  let username: string | null = null;
  if (rng.chance(0.6)) {
    const base = zh ? 'fan' : ascii(first) + (last ? `_${ascii(last)}` : '');
    username = `${base || 'fan'}${(telegramUserId % 100000).toString(36)}`;
  }
  return {
    firstName: first,
    lastName: last,
    username,
    languageCode: zh ? 'zh-hans' : rng.pick(['en', 'en', 'en', 'de', 'es', 'ru']),
  };
}
