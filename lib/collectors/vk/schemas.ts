import { z } from 'zod';

// Shapes after reference/vk-api-schema (v5.199), only the fields we read.
const boolInt = z.union([z.literal(0), z.literal(1), z.boolean()]);
const counter = z.object({ count: z.number().int().nonnegative() });

export const vkErrorSchema = z.object({
  error: z.object({
    error_code: z.number().int(),
    error_msg: z.string(),
    request_params: z.array(z.object({ key: z.string(), value: z.string() })).optional(),
  }),
});

export const vkGroupSchema = z.object({
  id: z.number().int().positive(),
  name: z.string().optional(),
  screen_name: z.string().optional(),
  is_closed: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
  deactivated: z.string().optional(),
  members_count: z.number().int().nonnegative().optional(),
  // groups_counters_group (groups/objects.json): every key optional; clip counters are int64.
  // An empty list instead of an object means "no counters" (PHP's empty array).
  counters: z.preprocess(
    (v) => (Array.isArray(v) && v.length === 0 ? undefined : v),
    z
      .object({
        clips: z.number().int().nonnegative().optional(),
        clips_views: z.number().int().nonnegative().optional(),
        clips_likes: z.number().int().nonnegative().optional(),
        videos: z.number().int().nonnegative().optional(),
      })
      .passthrough()
      .optional(),
  ),
});

// 5.199 answers {groups, profiles}; older versions a bare array, read as the
// same shape (so a violation names its path, not "no union member matched").
export const vkGroupsGetByIdSchema = z.object({
  response: z.preprocess(
    (v) => (Array.isArray(v) ? { groups: v } : v),
    z.object({ groups: z.array(vkGroupSchema), profiles: z.array(z.unknown()).optional() }),
  ),
});

// video_video / video_video_full (video/objects.json): nothing is required, a
// missing count is NULL. `comments` is a plain integer here, not an object.
export const vkVideoSchema = z.object({
  id: z.number().int(),
  owner_id: z.number().int(),
  date: z.number().int().nonnegative().optional(),
  adding_date: z.number().int().nonnegative().optional(),
  title: z.string().optional(),
  type: z.string().optional(),
  views: z.number().int().nonnegative().optional(),
  local_views: z.number().int().nonnegative().optional(),
  comments: z.number().int().nonnegative().optional(),
  likes: z.object({ count: z.number().int().nonnegative() }).partial().optional(),
  reposts: z.object({ count: z.number().int().nonnegative() }).partial().optional(),
  live: z.literal(1).optional(),
  upcoming: z.literal(1).optional(),
});

// wall_wallpost_attachment: `type` names which key holds the object; only video
// and clip objects are read (their counters), the rest only by type.
export const vkAttachmentSchema = z.object({
  type: z.string(),
  video: vkVideoSchema.optional(),
  clip: vkVideoSchema.optional(),
});

export const vkPostSchema = z.object({
  id: z.number().int(),
  owner_id: z.number().int().optional(),
  from_id: z.number().int().optional(),
  date: z.number().int().nonnegative(),
  post_type: z.string().optional(),
  text: z.string().optional(),
  is_pinned: boolInt.optional(),
  marked_as_ads: boolInt.optional(),
  likes: counter.partial().extend({ count: z.number().int().nonnegative() }).optional(),
  reposts: counter.partial().extend({ count: z.number().int().nonnegative() }).optional(),
  comments: counter.partial().extend({ count: z.number().int().nonnegative() }).optional(),
  views: counter.optional(),
  reactions: z.object({ count: z.number().int().nonnegative() }).optional(),
  copy_history: z.array(z.object({ id: z.number().int().optional(), from_id: z.number().int(), date: z.number().int() })).optional(),
  attachments: z.array(vkAttachmentSchema).optional(),
});

export const vkWallGetSchema = z.object({
  response: z.object({
    count: z.number().int().nonnegative(),
    items: z.array(vkPostSchema),
  }),
});

const periodBound = z.union([z.number().int(), z.string()]);

export const vkStatsGetSchema = z.object({
  response: z.array(
    z.object({
      period_from: periodBound,
      period_to: periodBound.optional(),
      visitors: z
        .object({ views: z.number().int().nonnegative().optional(), visitors: z.number().int().nonnegative().optional() })
        .optional(),
      reach: z
        .object({ reach: z.number().int().nonnegative().optional(), reach_subscribers: z.number().int().nonnegative().optional() })
        .optional(),
      activity: z
        .object({
          likes: z.number().int().optional(),
          comments: z.number().int().optional(),
          copies: z.number().int().optional(),
          subscribed: z.number().int().optional(),
          unsubscribed: z.number().int().optional(),
        })
        .optional(),
    }),
  ),
});

// video.get (video/responses.json video_get_response): {count, items}.
export const vkVideoGetSchema = z.object({
  response: z.object({
    count: z.number().int().nonnegative(),
    items: z.array(vkVideoSchema),
  }),
});

export type VkPost = z.infer<typeof vkPostSchema>;
export type VkVideo = z.infer<typeof vkVideoSchema>;
