-- The growth rollups of the stage history become tables the history replay keeps
-- (lib/history/history-shares.ts); the lifecycle job fills them when it replays every fan
-- (HISTORY_ENGINE 2). growth_cohort_weeks stays materialized, over growth_fan_joins, now
-- a view of fan_presence.
drop materialized view growth_stage_now, growth_stage_months, growth_stage_outcomes,
  growth_cohort_weeks, growth_join_days, growth_fan_joins;
--> statement-breakpoint
-- What they read the history through (db/sql/views/growth_stage_spans.sql, removed).
drop view if exists growth_stage_spans;
--> statement-breakpoint
CREATE TABLE "growth_join_days" (
	"community_id" bigint NOT NULL,
	"joined_day" date NOT NULL,
	"joined" bigint NOT NULL,
	"reached_active" bigint NOT NULL,
	"reached_core" bigint NOT NULL,
	"reached_high_value" bigint NOT NULL,
	CONSTRAINT "growth_join_days_community_id_joined_day_pk" PRIMARY KEY("community_id","joined_day")
);
--> statement-breakpoint
CREATE TABLE "growth_stage_month_deltas" (
	"community_id" bigint NOT NULL,
	"month" date NOT NULL,
	"stage" "lifecycle_stage" NOT NULL,
	"fans" bigint NOT NULL,
	CONSTRAINT "growth_stage_month_deltas_community_id_month_stage_pk" PRIMARY KEY("community_id","month","stage")
);
--> statement-breakpoint
CREATE TABLE "growth_stage_outcome_deltas" (
	"community_id" bigint NOT NULL,
	"monday" date NOT NULL,
	"stage" "lifecycle_stage" NOT NULL,
	"fans" bigint NOT NULL,
	"kept_7" bigint NOT NULL,
	"kept_30" bigint NOT NULL,
	"kept_90" bigint NOT NULL,
	"better_7" bigint NOT NULL,
	"better_30" bigint NOT NULL,
	"better_90" bigint NOT NULL,
	CONSTRAINT "growth_stage_outcome_deltas_community_id_monday_stage_pk" PRIMARY KEY("community_id","monday","stage")
);
--> statement-breakpoint
CREATE INDEX "purchases_time_idx" ON "purchases" USING btree ("occurred_at");
--> statement-breakpoint

-- a copy of db/sql/views/growth_fan_joins.sql, which growth_cohort_weeks reads
-- Where each fan is present: the instant of its first fact or membership record in each
-- community (fan_presence, kept by the history replay) and that instant's day in the
-- community's time zone. A materialized view reads it (growth_cohort_weeks): change it in
-- a migration (README, "SQL functions and views").
create or replace view growth_fan_joins as
select p.fan_id, p.community_id, p.present_from,
  (p.present_from at time zone c.time_zone)::date as joined_day
from fan_presence p join communities c on c.id = p.community_id;
--> statement-breakpoint

-- db/sql/materialized/growth_cohort_weeks_v02.sql
-- Weekly join cohorts (weeks start on Monday): fans of each cohort with an engagement in
-- the N-th week after the join week (0 = the join week). Join days as growth_join_days
-- counts them: in the community's zone, and for all communities the fan's first presence
-- anywhere, in UTC.
create materialized view growth_cohort_weeks as
with active_weeks as (
  select distinct fan_id, community_id, date_trunc('week', day)::date as week
  from fan_daily where engagements > 0
), per_community as (
  select j.community_id, date_trunc('week', j.joined_day)::date as cohort_week, a.week
  from growth_fan_joins j join active_weeks a using (fan_id, community_id)
), all_communities as (
  select 0::int8 as community_id, date_trunc('week', f.joined_day)::date as cohort_week, a.week
  from (
    select fan_id, (min(present_from) at time zone 'UTC')::date as joined_day
    from growth_fan_joins group by fan_id
  ) f
  join (select distinct fan_id, week from active_weeks) a using (fan_id)
)
select community_id, cohort_week, ((week - cohort_week) / 7)::int as week_index,
  count(*)::int as engaged_fans
from (select * from per_community union all select * from all_communities) x
where week >= cohort_week
group by community_id, cohort_week, week_index;
--> statement-breakpoint
create unique index growth_cohort_weeks_key
  on growth_cohort_weeks (community_id, cohort_week, week_index);
