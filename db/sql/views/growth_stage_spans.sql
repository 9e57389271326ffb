-- Stage spans from the stage history: the stage a fan held from `from_at` until `to_at`
-- (null: still holds it).
create or replace view growth_stage_spans as
select h.fan_id, h.to_stage as stage, h.changed_at as from_at,
  lead(h.changed_at) over (partition by h.fan_id order by h.changed_at, h.id) as to_at
from fan_stage_history h;
