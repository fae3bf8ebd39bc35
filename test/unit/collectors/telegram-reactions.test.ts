import { describe, expect, it } from 'vitest';
import { parseChannelPage } from '../../../lib/collectors/telegram/page';

// Markup of the public channel page's reactions (docs/collectors.md).
const post = (id: number, reactions: string) => `
<div class="tgme_widget_message" data-post="chan/${id}">
  <div class="tgme_widget_message_text">post ${id}</div>
  ${reactions}
  <span class="tgme_widget_message_views">1.5K</span>
  <time datetime="2026-10-0${id}T10:00:00+00:00"></time>
</div>`;

describe('Telegram reactions from t.me/s', () => {
  it('sums the emoji reactions (the count after the emoji), leaves paid stars out, and reads a missing block as none when the page shows reactions', () => {
    const html = [
      post(
        1,
        `<div class="tgme_widget_message_reactions js-message_reactions">
          <span class="tgme_reaction tgme_reaction_paid"><i class="icon icon-telegram-stars"></i>16.8K</span>
          <span class="tgme_reaction"><i class="emoji" style="background-image:url('//telegram.org/img/emoji/40/F09F918D.png')"><b>👍</b></i>1.2K</span>
          <span class="tgme_reaction"><tg-emoji emoji-id="5190660975866437599"></tg-emoji>37</span>
          <span class="tgme_reaction"><i class="emoji"><b>❤‍🔥</b></i>1 234</span>
        </div>`,
      ),
      post(2, ''),
    ].join('');
    const page = parseChannelPage(html);
    expect(page.posts.map((p) => [p.id, p.reactions])).toEqual([
      [1, 1200 + 37 + 1234],
      [2, 0],
    ]);
  });

  it('does not guess: an unreadable count makes the post unmeasured, and a page without any reactions says nothing', () => {
    const bad = parseChannelPage(
      post(1, `<div class="tgme_widget_message_reactions"><span class="tgme_reaction"><i class="emoji"><b>👍</b></i>many</span></div>`),
    );
    expect(bad.posts[0]!.reactions).toBeNull();
    expect(parseChannelPage(post(1, '') + post(2, '')).posts.map((p) => p.reactions)).toEqual([null, null]);
  });
});

describe('Telegram reaction precision and paid stars', () => {
  it('keeps the ± of rounded counts, as for views, and reads paid stars apart from reactions', () => {
    const page = parseChannelPage(
      post(
        1,
        `<div class="tgme_widget_message_reactions js-message_reactions">
          <span class="tgme_reaction tgme_reaction_paid"><i class="icon icon-telegram-stars"></i>16.8K</span>
          <span class="tgme_reaction"><i class="emoji"><b>👍</b></i>1.2K</span>
          <span class="tgme_reaction"><tg-emoji emoji-id="5190660975866437599"></tg-emoji>194K</span>
          <span class="tgme_reaction"><i class="emoji"><b>🔥</b></i>37</span>
        </div>`,
      ) + post(2, ''),
    );
    const [a, b] = page.posts;
    expect(a).toMatchObject({ reactions: 1200 + 194_000 + 37, reactionsMargin: 50 + 500, paidStars: { value: 16_800, margin: 50 } });
    // No block while the page shows reactions: none yet, exactly; no paid stars shown.
    expect(b).toMatchObject({ reactions: 0, reactionsMargin: 0, paidStars: null });
  });

  it('an unreadable count leaves the sum and its ± unmeasured, and an unreadable star count is not guessed', () => {
    const page = parseChannelPage(
      post(
        1,
        `<div class="tgme_widget_message_reactions"><span class="tgme_reaction tgme_reaction_paid"><i class="icon"></i>lots</span><span class="tgme_reaction"><i class="emoji"><b>👍</b></i>?</span></div>`,
      ),
    );
    expect(page.posts[0]).toMatchObject({ reactions: null, reactionsMargin: null, paidStars: null });
  });
});
