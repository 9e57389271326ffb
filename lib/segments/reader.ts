import type { Role } from '../../db/schema/accounts';
import { can } from '../auth/permissions';
import type { SegmentReader } from './query';

/**
 * What a role may read of a fan in a segment: names, usernames and Telegram ids only with
 * fan lookup (admin, support); growth and operator see the fan's number and the numbers.
 */
export const segmentReaderOf = (role: Role): SegmentReader => ({ personal: can(role, 'fans') });
