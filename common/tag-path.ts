// A tag's name is its path in the codebook: "place/Tokyo" lies under "place".
// Names compare without case, as the store's unique index does.

const lower = (s: string) => s.toLowerCase();

/** Whether two tag names are the same tag. */
export const sameTag = (a: string, b: string): boolean => lower(a) === lower(b);

/** Whether `name` is `parent` or lies under it. */
export const isWithin = (name: string, parent: string): boolean =>
  sameTag(name, parent) || lower(name).startsWith(`${lower(parent)}/`);

/** The last part of a tag's path ("Tokyo" of "place/Tokyo"). */
export const leafOf = (name: string): string => name.slice(name.lastIndexOf('/') + 1);

/** How many parents a tag has (0 for a top-level tag). */
export const depthOf = (name: string): number => name.split('/').length - 1;
