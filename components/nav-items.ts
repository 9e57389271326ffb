import type { Permission } from '@/lib/auth/permissions';
import type messages from '@/lib/i18n/messages/en.json';

export interface NavItem {
  href: string;
  /** Its label, a key of nav.links in the message catalogues. */
  label: keyof (typeof messages)['nav']['links'];
  /** Shown only to roles with this permission (the page itself checks it again). */
  permission: Permission;
}

/** The header's links, in order; each role sees those its permissions allow. */
export const navItems: readonly NavItem[] = [
  { href: '/', label: 'overview', permission: 'overview' },
  { href: '/growth', label: 'growth', permission: 'growth' },
  { href: '/rules', label: 'rules', permission: 'rules:read' },
  { href: '/segments', label: 'segments', permission: 'segments' },
  { href: '/fans', label: 'fans', permission: 'fans' },
  { href: '/import', label: 'import', permission: 'import' },
  { href: '/settings', label: 'settings', permission: 'settings' },
  { href: '/audit', label: 'audit', permission: 'audit' },
];
