import type { Community } from '../../db/schema';

export type CommunityKind = Community['kind'];

export interface CommunityListItem {
  id: number;
  title: string;
  username: string | null;
  kind: CommunityKind;
  timeZone: string;
  linkedCommunityId: number | null;
}

export interface CommunitySummary {
  id: number;
  title: string;
  username: string | null;
  kind: CommunityKind;
  timeZone: string;
  /** The linked channel or discussion group, in whichever direction the link was stored. */
  linkedCommunity: { id: number; title: string } | null;
  fans: number;
  posts: number;
  engagements: number;
  views: number;
}

export interface EngagementDay {
  /** Calendar day in the community's time zone, 'YYYY-MM-DD'. */
  day: string;
  engagements: number;
  messages: number;
  reactions: number;
  activeFans: number;
}

/** GET /api/communities/:id/engagements-per-day */
export interface EngagementsPerDayResponse {
  communityId: number;
  from: string;
  to: string;
  days: EngagementDay[];
}
