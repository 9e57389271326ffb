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
$$;
