// The look every recharts chart shares: light grid, small slate ticks, no tick marks.
export const gridStroke = '#e2e8f0';
export const axisTick = { fontSize: 12, fill: '#64748b' } as const;
/** An axis tick in a series' own colour, so two scales are told apart without labels. */
export const colouredTick = (fill: string) => ({ fontSize: 12, fill }) as const;
