import { describe, expect, it } from 'vitest';
import { ownVideo, videoContentType, vkContentType } from '@/lib/collectors/vk/content';
import { vkPostSchema, type VkPost, type VkVideo } from '@/lib/collectors/vk/schemas';
import { okContentType } from '@/lib/collectors/ok/schemas';

const GID = 77;
const vid = (over: Partial<VkVideo> = {}): VkVideo => ({ id: 1, owner_id: -GID, ...over });
const post = (over: Partial<VkPost>): VkPost => vkPostSchema.parse({ id: 1, date: 1, ...over });

describe('VK content types (docs/collectors.md)', () => {
  it.each<[string, Partial<VkPost>, string]>([
    ['no attachments', {}, 'text'],
    ['a link preview', { attachments: [{ type: 'link' }] }, 'text'],
    ['photos', { attachments: [{ type: 'photo' }, { type: 'photo' }] }, 'photo'],
    ['post_type photo', { post_type: 'photo' }, 'photo'],
    ['a clip attachment', { attachments: [{ type: 'clip', clip: vid() }] }, 'clip'],
    ['a short_video in a video attachment', { attachments: [{ type: 'video', video: vid({ type: 'short_video' }) }] }, 'clip'],
    ['post_type clip with no object', { post_type: 'clip' }, 'clip'],
    ['a video', { attachments: [{ type: 'photo' }, { type: 'video', video: vid() }] }, 'video'],
    ['a live stream by flag', { attachments: [{ type: 'video', video: vid({ live: 1 }) }] }, 'live'],
    ['a live stream by type', { attachments: [{ type: 'video', video: vid({ type: 'live' }) }] }, 'live'],
    ['an article', { attachments: [{ type: 'article' }, { type: 'photo' }] }, 'article'],
    ['a repost of a clip', { copy_history: [{ from_id: -1, date: 0 }], attachments: [{ type: 'clip', clip: vid() }] }, 'repost'],
    ['post_type copy', { post_type: 'copy' }, 'repost'],
    ['a poll', { attachments: [{ type: 'poll' }] }, 'other'],
  ])('%s → %s', (_, over, type) => {
    expect(vkContentType(post(over))).toBe(type);
  });

  it('counts a post with the video only when the community owns its only video', () => {
    const own = vid({ views: 5 });
    expect(ownVideo(post({ attachments: [{ type: 'video', video: own }] }), -GID)).toEqual(own);
    expect(ownVideo(post({ attachments: [{ type: 'video', video: vid({ owner_id: -1 }) }] }), -GID)).toBeNull();
    expect(
      ownVideo(
        post({
          attachments: [
            { type: 'video', video: own },
            { type: 'clip', clip: vid({ id: 2 }) },
          ],
        }),
        -GID,
      ),
    ).toBeNull();
    expect(ownVideo(post({ copy_history: [{ from_id: -1, date: 0 }], attachments: [{ type: 'video', video: own }] }), -GID)).toBeNull();
  });

  it('types a video.get item by its own type', () => {
    expect(videoContentType(vid({ type: 'short_video' }))).toBe('clip');
    expect(videoContentType(vid({ type: 'movie' }))).toBe('video');
    expect(videoContentType(vid({ upcoming: 1, live: 1 }))).toBe('live');
  });
});

describe('OK content types', () => {
  it.each<[string[] | undefined, string | null]>([
    [undefined, null],
    [[], null],
    [['text'], 'text'],
    [['text', 'link'], 'text'],
    [['text', 'photo'], 'photo'],
    [['photo', 'movie'], 'video'],
    [['reshare'], 'repost'],
    [['poll'], 'other'],
    [['music', 'text'], 'other'],
  ])('%j → %s', (types, type) => {
    expect(okContentType(types?.map((t) => ({ type: t })))).toBe(type);
  });
});
