// The lifecycle stages, in the order every chart and form lists them. Pure (no drizzle, no
// db/): the database enum (db/schema/lifecycle.ts) and the browser read the same list.
export const stages = ['new', 'active', 'core', 'high_value', 'at_risk', 'churned'] as const;
export type Stage = (typeof stages)[number];
