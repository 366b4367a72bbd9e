/**
 * `titleTypographyProps` that make an InfoCard's title a heading: Backstage
 * renders it through MUI's CardHeader as a styled `<span>`, so screen-reader
 * users could not jump between cards. Level 2 sits under the page's title.
 *
 * @internal
 */
export const cardHeading = { component: 'h2' } as const;
