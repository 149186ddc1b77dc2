/**
 * How many versions of a story the library holds, this one included, from a
 * source's count of the others (SourceSummary.versions): the number the
 * library pane's mark and `lectern list --versions` show, as search's one row
 * per story ("n versions") counts them.
 */
export const storyVersions = (others: number): number => others + 1;
