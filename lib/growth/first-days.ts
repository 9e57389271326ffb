/** How long after posting a post's views are shown: the days its views mostly come in. */
export const firstDays = 7;
