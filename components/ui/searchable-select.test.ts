import { describe, expect, it } from 'vitest';
import { offsetLabel } from '../settings/time-zone-dialog';
import { matchOptions } from './searchable-select';

const zones = ['America/New_York', 'Asia/Shanghai', 'Europe/London', 'UTC', 'US/Eastern'].map(
  (name) => ({ value: name, label: name }),
);
const names = (query: string) => matchOptions(zones, query).map((o) => o.value);

describe('matchOptions', () => {
  it('matches every word typed, in any order and case, `_` and `/` as spaces', () => {
    expect(names('')).toEqual(zones.map((z) => z.value));
    expect(names('new york')).toEqual(['America/New_York']);
    expect(names('York america')).toEqual(['America/New_York']);
    expect(names('asia/SHANG')).toEqual(['Asia/Shanghai']);
    expect(names('mars')).toEqual([]);
  });

  it('puts options with a word starting with the first word typed first', () => {
    expect(names('e')).toEqual(['Europe/London', 'US/Eastern', 'America/New_York']);
  });
});

describe('offsetLabel', () => {
  it('writes an offset the way the zone list shows it', () => {
    expect(offsetLabel(0)).toBe('UTC');
    expect(offsetLabel(8 * 3600)).toBe('UTC+08:00');
    expect(offsetLabel(-5 * 3600)).toBe('UTC−05:00');
    expect(offsetLabel(5.75 * 3600)).toBe('UTC+05:45');
  });
});
