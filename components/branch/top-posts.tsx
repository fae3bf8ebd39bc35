import { useLocale, useTranslations } from 'next-intl';
import type { TopPost } from '@/lib/data/branch-insights';
import { formatDay } from '@/lib/format/day';
import { formatPercent } from '@/lib/format/number';
import { formatCount } from '@/lib/format/column';
import { NetworkTag } from '@/components/ui/network-tag';

function PostList({ posts, mode }: { posts: TopPost[]; mode: 'views' | 'engagement' }) {
  const t = useTranslations();
  const locale = useLocale();
  if (posts.length === 0) return <p className="muted small">{t('branch.noPosts')}</p>;
  return (
    <ol className="posts">
      {posts.map((p) => {
        const text = p.excerpt?.trim() || formatDay(p.publishedAt.slice(0, 10), locale);
        return (
          <li key={p.id}>
            <NetworkTag network={p.network} hideName />
            <span className="excerpt">
              {p.url ? (
                <a
                  href={p.url}
                  target="_blank"
                  rel="noopener noreferrer"
                  title={t('branch.openPost', { network: t(`networks.${p.network}`) })}
                >
                  {text} <span aria-hidden="true">↗</span>
                </a>
              ) : (
                text
              )}
              <span className="muted small">
                {' '}
                · {formatDay(p.publishedAt.slice(0, 10), locale)}
                {p.contentType && <> · {t(`content.types.${p.contentType}`)}</>}
              </span>
            </span>
            <span className="num small">
              {mode === 'views' ? (
                <>
                  {formatCount(p.views, locale)} <span className="muted">{t('branch.views')}</span>
                </>
              ) : (
                <>
                  {formatPercent(p.engagementRate, locale)} <span className="muted">{t('branch.engagement')}</span>
                </>
              )}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

export function TopPosts({ byViews, byEngagement }: { byViews: TopPost[]; byEngagement: TopPost[] }) {
  const t = useTranslations('branch');
  return (
    <section className="section card" aria-labelledby="posts-h">
      <h2 id="posts-h">{t('topPosts')}</h2>
      <div className="grid" style={{ gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))' }}>
        <div>
          <h3>{t('byViews')}</h3>
          <PostList posts={byViews} mode="views" />
        </div>
        <div>
          <h3>{t('byEngagement')}</h3>
          <PostList posts={byEngagement} mode="engagement" />
        </div>
      </div>
    </section>
  );
}
