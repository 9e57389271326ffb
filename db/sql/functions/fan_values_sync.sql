-- The trigger function that keeps fan_values (refresh_fan_values) in step with its inputs,
-- once per statement, for the fans the statement touched: on customer_values, the fans of
-- the customers written or removed (a fit replaces the table); on customers, the fans a
-- link left or reached. One transaction at a time (an advisory lock held to its end), so
-- each refresh reads the links and values the one before committed. The triggers are made
-- in migration 0031; each names its transition tables old_rows / new_rows.
CREATE OR REPLACE FUNCTION fan_values_sync()
RETURNS trigger
LANGUAGE plpgsql VOLATILE
AS $$
DECLARE
  touched bigint[];
BEGIN
  IF TG_TABLE_NAME = 'customers' THEN
    IF TG_OP = 'UPDATE' THEN
      SELECT array_agg(DISTINCT f) INTO touched
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      CROSS JOIN LATERAL (VALUES (o.fan_id), (n.fan_id)) v(f)
      WHERE o.fan_id IS DISTINCT FROM n.fan_id AND f IS NOT NULL;
    ELSE
      SELECT array_agg(DISTINCT o.fan_id) INTO touched
      FROM old_rows o WHERE o.fan_id IS NOT NULL;
    END IF;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT c.fan_id) INTO touched
    FROM old_rows o JOIN customers c ON c.id = o.customer_id WHERE c.fan_id IS NOT NULL;
  ELSE
    SELECT array_agg(DISTINCT c.fan_id) INTO touched
    FROM new_rows n JOIN customers c ON c.id = n.customer_id WHERE c.fan_id IS NOT NULL;
  END IF;
  IF touched IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(hashtext('fan_values.refresh'));
    PERFORM refresh_fan_values(touched);
  END IF;
  RETURN NULL;
END
$$;
