import { z } from 'zod';
import type { ContentType } from '../../content-types';

// OK REST answers, only the fields we read (shapes per docs/collectors.md "OK";
// ids are strings, times are milliseconds).

export const okErrorSchema = z.object({
  error_code: z.number().int(),
  error_msg: z.string().optional(),
  error_data: z.unknown().optional(),
});

export const okCountersSchema = z.object({
  counters: z.object({ members: z.number().int().nonnegative().optional() }).catchall(z.unknown()),
});

const okId = z.union([z.string().regex(/^\d{1,20}$/), z.number().int().nonnegative()]).transform(String);

// group.getStatTopics: the group's topics that have statistics, paged by `anchor`.
export const okStatTopicsSchema = z.object({
  topics: z.array(z.object({ id: okId, created_ms: z.number().int().nonnegative().optional() }).passthrough()).optional(),
  anchor: z.string().optional(),
  has_more: z.boolean().optional(),
  totalCount: z.number().int().nonnegative().optional(),
});

const count = z.number().int().nonnegative();

// mediatopic.getByIds: {media_topics:[…]}; every summary optional (NULL when missing).
export const okMediaTopicSchema = z.object({
  id: okId,
  created_ms: z.number().int().nonnegative().optional(),
  like_summary: z.object({ count: count.optional() }).passthrough().optional(),
  reshare_summary: z.object({ count: count.optional() }).passthrough().optional(),
  discussion_summary: z.object({ comments_count: count.optional() }).passthrough().optional(),
  views_count: count.optional(),
  media: z.array(z.object({ type: z.string(), text: z.string().optional() }).passthrough()).optional(),
});

export const okMediaTopicsSchema = z.object({ media_topics: z.array(okMediaTopicSchema).optional() });

export type OkMediaTopic = z.infer<typeof okMediaTopicSchema>;

/**
 * A topic's content type from its media blocks: a video ("movie") first, then
 * photos, then a reshare; text and links alone are text; polls, music and the
 * rest are other. No media at all: the network did not say (NULL).
 */
export function okContentType(media: OkMediaTopic['media']): ContentType | null {
  if (!media || media.length === 0) return null;
  const types = new Set(media.map((m) => m.type));
  if (types.has('movie')) return 'video';
  if (types.has('photo')) return 'photo';
  if (types.has('reshare')) return 'repost';
  if ([...types].every((t) => t === 'text' || t === 'link')) return 'text';
  return 'other';
}
