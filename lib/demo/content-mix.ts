import type { ContentType } from '../content-types';
import type { Network } from '../networks';
import type { Rng } from './random';

// Demo content types (issue #15 item 5, #16 item 2): a plausible mix per network
// and engagement that depends on the type and on the hour and weekday, so the
// content analytics has something true to find. Invented shares and effects,
// not measurements; deterministic given the stream.

/** [type, share of posts, views factor, engagement factor] per network. */
const MIX: Partial<Record<Network, readonly (readonly [ContentType, number, number, number])[]>> = {
  vk: [
    ['photo', 0.4, 1, 1],
    ['text', 0.12, 0.6, 0.75],
    // A VK clip's plays are already about 3× a post's impressions (generate.ts, the clips stream), likes are not:
    // likes ×5.7 keep a clip's engagement per play about 1.9× a photo's.
    ['clip', 0.14, 1, 5.7],
    ['video', 0.12, 1.2, 1.1],
    ['repost', 0.18, 0.5, 0.5],
    ['live', 0.04, 0.9, 1.6],
  ],
  ok: [
    ['photo', 0.5, 1, 1.1],
    ['text', 0.2, 0.7, 0.8],
    ['video', 0.15, 1.2, 1],
    ['clip', 0.05, 1.4, 1.5],
    ['repost', 0.1, 0.6, 0.6],
  ],
  telegram: [
    ['text', 0.45, 1, 0.9],
    ['photo', 0.33, 1.05, 1.15],
    ['video', 0.12, 1.1, 1.25],
    ['repost', 0.1, 0.8, 0.5],
  ],
  max: [
    ['text', 0.5, 1, 1],
    ['photo', 0.4, 1, 1.1],
    ['video', 0.1, 1.1, 1.2],
  ],
  youtube: [
    ['video', 0.55, 1, 1],
    ['clip', 0.4, 1.6, 1.4],
    ['live', 0.05, 0.8, 1.7],
  ],
  rutube: [
    ['video', 0.8, 1, 1],
    ['clip', 0.15, 1.4, 1.3],
    ['live', 0.05, 0.8, 1.6],
  ],
};

// Views factors scaled so each network's mix keeps its average views per post.
const MEAN_VIEWS = new Map(
  Object.entries(MIX).map(([n, rows]) => [n, rows.reduce((s, r) => s + r[1] * r[2], 0) / rows.reduce((s, r) => s + r[1], 0)]),
);

/** Evening posts engage more, early-morning ones less, weekends a little more (demo only). */
function slotEffect(hour: number, weekdayIndex: number): number {
  const h = hour >= 18 && hour <= 20 ? 1.3 : hour >= 12 && hour <= 13 ? 1.1 : hour <= 9 ? 0.85 : 1;
  return h * (weekdayIndex >= 5 ? 1.15 : 1);
}

/**
 * The type of one demo post and how it scales the post's views and engagement.
 * `contentType` is null where the network's mix is not modelled (the caller keeps its own).
 * Draws exactly two numbers from `rng`, whatever the network.
 */
export function demoPostContent(
  rng: Rng,
  network: Network,
  hour: number,
  weekdayIndex: number,
): { contentType: ContentType | null; views: number; engagement: number } {
  const u = rng.next();
  const noise = 0.85 + 0.3 * rng.next();
  const rows = MIX[network];
  if (!rows) return { contentType: null, views: 1, engagement: 1 };
  const total = rows.reduce((s, r) => s + r[1], 0);
  let acc = 0;
  let pick = rows[rows.length - 1]!;
  for (const r of rows) {
    acc += r[1] / total;
    if (u < acc) {
      pick = r;
      break;
    }
  }
  return { contentType: pick[0], views: pick[2] / MEAN_VIEWS.get(network)!, engagement: pick[3] * slotEffect(hour, weekdayIndex) * noise };
}
