-- Every fan's stage right now under the published rules, computed from the facts. The
-- dashboards read fan_lifecycle, which the lifecycle job keeps equal to this.
CREATE OR REPLACE VIEW fan_current_stages AS
SELECT s.* FROM rule_sets rs CROSS JOIN LATERAL lifecycle_stages(now(), rs.params) s
WHERE rs.status = 'published';
