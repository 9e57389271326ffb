import type { Role } from '../../db/schema/accounts';

/**
 * The roles in the order the Settings page offers them. A copy of db/schema's list without
 * drizzle, for the browser bundle; the types below fail to compile if the two differ.
 */
export const roleOptions = ['admin', 'operator', 'growth', 'support'] as const;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const roleOptionsMatchSchema: Same<(typeof roleOptions)[number], Role> = true;
