-- No change: 0015, 0016 and 0017 were written by hand on parallel branches. drizzle-kit
-- generate diffed the schema against 0013's snapshot and produced exactly their statements,
-- so the schema and the migrations agree; this migration only carries the new snapshot.
select 1;
