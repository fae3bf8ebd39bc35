// What a VK wall post is, and whose counters it is counted with
// (docs/collectors.md "VK: content types and clips"; issue #15 item 1).
import type { ContentType } from '../../content-types';
import type { VkPost, VkVideo } from './schemas';

// Attachments that leave a post a text post (a link preview, a wiki page).
const TEXTUAL = new Set(['link', 'page', 'note', 'textpost', 'textpost_publish', 'textlive']);
const PHOTO = new Set(['photo', 'posted_photo', 'photos_list', 'album']);

/** The video or clip objects attached to a post, in order. */
export function attachedVideos(p: VkPost): VkVideo[] {
  const out: VkVideo[] = [];
  for (const a of p.attachments ?? []) {
    const v = a.type === 'clip' ? (a.clip ?? a.video) : a.type === 'video' ? a.video : undefined;
    if (v) out.push(v);
  }
  return out;
}

/** A VK video object's content type: clips are `short_video`, streams `live`. */
export function videoContentType(v: VkVideo, attachmentType?: string): ContentType {
  if (attachmentType === 'clip' || v.type === 'short_video') return 'clip';
  if (v.live === 1 || v.type === 'live') return 'live';
  return 'video';
}

/**
 * The post's content type. A repost (`copy_history`) is a repost whatever it
 * carries; then the first video or clip decides; then articles, photos; a post
 * with only text or a link is text; anything else (poll, audio, document…) is other.
 */
export function vkContentType(p: VkPost): ContentType {
  if (p.post_type === 'copy' || (p.copy_history?.length ?? 0) > 0) return 'repost';
  const attachments = p.attachments ?? [];
  const firstVideo = attachments.find((a) => a.type === 'video' || a.type === 'clip');
  if (firstVideo) {
    const v = firstVideo.type === 'clip' ? (firstVideo.clip ?? firstVideo.video) : firstVideo.video;
    if (v) return videoContentType(v, firstVideo.type);
    return firstVideo.type === 'clip' ? 'clip' : 'video';
  }
  if (p.post_type === 'clip') return 'clip';
  if (p.post_type === 'video') return 'video';
  if (attachments.some((a) => a.type === 'article')) return 'article';
  if (p.post_type === 'photo' || attachments.some((a) => PHOTO.has(a.type))) return 'photo';
  if (attachments.every((a) => TEXTUAL.has(a.type))) return 'text';
  return 'other';
}

/**
 * The video whose own counters stand for the post: the post's only video or
 * clip, when the community itself owns it. A video of another owner carries
 * that owner's audience, and a post with several videos is a compilation: both
 * keep the post's own counters. Reposts keep theirs too.
 */
export function ownVideo(p: VkPost, ownerId: number): VkVideo | null {
  if (vkContentType(p) === 'repost') return null;
  const videos = attachedVideos(p);
  if (videos.length !== 1) return null;
  return videos[0].owner_id === ownerId ? videos[0] : null;
}

/** Key of a video across wall and video.get: "<owner>_<id>". */
export const videoKey = (v: Pick<VkVideo, 'owner_id' | 'id'>) => `${v.owner_id}_${v.id}`;
