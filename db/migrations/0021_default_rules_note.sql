-- The demo's first rule set is noted for the people who read the history, not with a
-- reference to the design document.
UPDATE rule_sets SET note = 'Default rules' WHERE version = 1 AND note = 'Default rules (DESIGN §5)';
