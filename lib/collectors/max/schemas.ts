import { z } from 'zod';

// Shapes after the MAX Bot API schema (v0.0.30) and the official clients'
// types, only the fields we read (docs/collectors.md, "MAX"). Every time is
// milliseconds since the epoch, UTC.

/** Errors: a non-200 status with a string code, e.g. {"code":"verify.token","message":"Invalid access_token"}. */
export const maxErrorSchema = z.object({
  code: z.string(),
  message: z.string().optional(),
});

export const maxChatSchema = z.object({
  // About -7e13: well inside 2^53, so a number is exact.
  chat_id: z.number().int(),
  // The docs disagree on the values ("chat", "channel", "dialog"): any string.
  type: z.string(),
  status: z.string(),
  title: z.string().nullable().optional(),
  participants_count: z.number().int().nonnegative().nullable().optional(),
  is_public: z.boolean().optional(),
  link: z.string().nullable().optional(),
  messages_count: z.number().int().nonnegative().nullable().optional(),
  last_event_time: z.number().int().optional(),
});

export const maxChatListSchema = z.object({
  chats: z.array(maxChatSchema),
  marker: z.number().int().nullable().optional(),
});

const attachmentSchema = z.object({ type: z.string() }).passthrough();

export const maxMessageSchema = z.object({
  recipient: z.object({ chat_id: z.number().int().nullable().optional(), chat_type: z.string().optional() }).optional(),
  timestamp: z.number().int().nonnegative(),
  body: z.object({
    // `seq` passes 2^53 and JSON.parse rounds it: messages are keyed by `mid`.
    mid: z.string().min(1).max(200),
    text: z.string().nullable().optional(),
    attachments: z.array(attachmentSchema).nullable().optional(),
  }),
  link: z.object({ type: z.string() }).passthrough().nullable().optional(),
  url: z.string().nullable().optional(),
  // Only for channels in GET /messages; optional and nullable: absent is NULL, not 0.
  stat: z.object({ views: z.number().int().nonnegative() }).nullable().optional(),
});

export const maxMessageListSchema = z.object({
  messages: z.array(maxMessageSchema),
});

export type MaxChat = z.infer<typeof maxChatSchema>;
export type MaxMessage = z.infer<typeof maxMessageSchema>;
