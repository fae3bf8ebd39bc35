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
});

// 5.199 answers {groups, profiles}; older versions a bare array.
export const vkGroupsGetByIdSchema = z.object({
  response: z.union([
    z.object({ groups: z.array(vkGroupSchema), profiles: z.array(z.unknown()).optional() }),
    z.array(vkGroupSchema),
  ]),
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
      visitors: z.object({ views: z.number().int().nonnegative().optional(), visitors: z.number().int().nonnegative().optional() }).optional(),
      reach: z.object({ reach: z.number().int().nonnegative().optional(), reach_subscribers: z.number().int().nonnegative().optional() }).optional(),
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

export type VkPost = z.infer<typeof vkPostSchema>;
