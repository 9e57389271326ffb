CREATE TABLE "fan_values" (
	"fan_id" bigint PRIMARY KEY NOT NULL,
	"customers" integer NOT NULL,
	"customer_id" bigint NOT NULL,
	"clv_12m" double precision,
	"p_alive" double precision,
	"r_score" smallint NOT NULL,
	"f_score" smallint NOT NULL,
	"m_score" smallint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "fan_values_clv_fan_idx" ON "fan_values" USING btree ("clv_12m","fan_id");--> statement-breakpoint
CREATE INDEX "fan_values_p_alive_fan_idx" ON "fan_values" USING btree ("p_alive","fan_id");--> statement-breakpoint
CREATE INDEX "fan_values_r_fan_idx" ON "fan_values" USING btree ("r_score","fan_id");--> statement-breakpoint
CREATE INDEX "fan_values_f_fan_idx" ON "fan_values" USING btree ("f_score","fan_id");--> statement-breakpoint
CREATE INDEX "fan_values_m_fan_idx" ON "fan_values" USING btree ("m_score","fan_id");--> statement-breakpoint
-- The functions as db/sql has them (applied again after the migrations), made here so the
-- triggers can name them; the table is filled from the values of the latest fit.
-- Rewrites fan_values for the given fans from customer_values and the customers linked to
-- them: the 12-month CLV summed over the fan's customers; P(alive) and the R, F and M scores
-- of its main customer (the highest CLV, then the lowest id). A fan left without a linked
-- customer of the fit loses its row. Called by the triggers (fan_values_sync). Planned
-- for each call with the fans as a constant (EXECUTE), so a fit's tens of thousands of
-- fans are joined by hash and a link's one or two by index.
CREATE OR REPLACE FUNCTION refresh_fan_values(only_fans bigint[])
RETURNS void
LANGUAGE plpgsql VOLATILE
AS $$
BEGIN
  EXECUTE $sql$
    INSERT INTO fan_values AS fv (fan_id, customers, customer_id, clv_12m, p_alive, r_score,
      f_score, m_score)
    SELECT DISTINCT ON (c.fan_id) c.fan_id, count(*) OVER w, c.id,
      sum(cv.clv_12m) OVER w, cv.p_alive, cv.r_score, cv.f_score, cv.m_score
    FROM unnest($1) t(fan_id)
    JOIN customers c ON c.fan_id = t.fan_id
    JOIN customer_values cv ON cv.customer_id = c.id
    WINDOW w AS (PARTITION BY c.fan_id)
    ORDER BY c.fan_id, cv.clv_12m DESC NULLS LAST, c.id
    ON CONFLICT (fan_id) DO UPDATE SET customers = excluded.customers,
      customer_id = excluded.customer_id, clv_12m = excluded.clv_12m,
      p_alive = excluded.p_alive, r_score = excluded.r_score, f_score = excluded.f_score,
      m_score = excluded.m_score
    WHERE (fv.customers, fv.customer_id, fv.clv_12m, fv.p_alive, fv.r_score, fv.f_score,
      fv.m_score) IS DISTINCT FROM (excluded.customers, excluded.customer_id,
      excluded.clv_12m, excluded.p_alive, excluded.r_score, excluded.f_score, excluded.m_score)
  $sql$ USING only_fans;
  EXECUTE $sql$
    DELETE FROM fan_values fv USING unnest($1) t(fan_id)
    WHERE fv.fan_id = t.fan_id AND NOT EXISTS (
      SELECT 1 FROM customers c JOIN customer_values cv ON cv.customer_id = c.id
      WHERE c.fan_id = fv.fan_id)
  $sql$ USING only_fans;
END
$$;--> statement-breakpoint
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
$$;--> statement-breakpoint
CREATE TRIGGER "fan_values_customer_values_insert" AFTER INSERT ON "customer_values"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fan_values_sync();--> statement-breakpoint
CREATE TRIGGER "fan_values_customer_values_update" AFTER UPDATE ON "customer_values"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fan_values_sync();--> statement-breakpoint
CREATE TRIGGER "fan_values_customer_values_delete" AFTER DELETE ON "customer_values"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fan_values_sync();--> statement-breakpoint
CREATE TRIGGER "fan_values_customers_update" AFTER UPDATE ON "customers"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fan_values_sync();--> statement-breakpoint
CREATE TRIGGER "fan_values_customers_delete" AFTER DELETE ON "customers"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fan_values_sync();--> statement-breakpoint
SELECT refresh_fan_values(array(SELECT DISTINCT fan_id FROM customers WHERE fan_id IS NOT NULL));
