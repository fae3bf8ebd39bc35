// What a post is, the same words on every network (issue #15 "content types"; docs/methodology.md).
// Collectors map the network's own labels onto these; NULL in the database means the
// network did not say, never a guess.
export const CONTENT_TYPES = ['text', 'photo', 'video', 'clip', 'repost', 'live', 'article', 'other'] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];

export function isContentType(v: unknown): v is ContentType {
  return typeof v === 'string' && (CONTENT_TYPES as readonly string[]).includes(v);
}
