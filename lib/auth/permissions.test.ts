import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../../db/schema/accounts';
import {
  can,
  homePath,
  landingPath,
  permissions,
  permissionsOf,
  safeCallbackPath,
  type Permission,
} from './permissions';

// DESIGN §6: admin everything; operator rules, segments, playbooks; growth charts,
// segments, read-only rules; support fan lookup and privacy requests. Everyone: their own
// account (their password).
const expected: Record<Role, Permission[]> = {
  admin: [...permissions],
  operator: ['overview', 'rules:read', 'rules:write', 'segments', 'playbooks', 'account'],
  growth: ['overview', 'growth', 'rules:read', 'segments', 'account'],
  support: ['fans', 'privacy', 'account'],
};

describe('permissions', () => {
  it.each(roles.flatMap((role) => permissions.map((permission) => [role, permission] as const)))(
    '%s × %s as DESIGN §6 says',
    (role, permission) => {
      expect(can(role, permission)).toBe(expected[role].includes(permission));
    },
  );

  it('lists what each role may do', () => {
    for (const role of roles) expect(permissionsOf(role)).toEqual(expected[role]);
  });

  it('sends each role home to a page it may see', () => {
    expect(Object.fromEntries(roles.map((r) => [r, homePath(r)]))).toEqual({
      admin: '/',
      operator: '/',
      growth: '/',
      support: '/fans',
    });
  });
});

describe('after sign-in', () => {
  it('goes back to a page of this site, never elsewhere', () => {
    expect(safeCallbackPath('/growth?range=30#top')).toBe('/growth?range=30#top');
    for (const unsafe of [
      null,
      '',
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      'javascript:alert(1)',
      '/signin?callbackUrl=/x',
      '/api/auth/signout',
    ])
      expect(safeCallbackPath(unsafe), String(unsafe)).toBeNull();
  });

  it('lands on the role home when sent from the front page or from nowhere', () => {
    expect(landingPath('support', '/')).toBe('/fans');
    expect(landingPath('support', null)).toBe('/fans');
    expect(landingPath('growth', '//evil.example')).toBe('/');
    expect(landingPath('growth', '/growth')).toBe('/growth');
  });
});
