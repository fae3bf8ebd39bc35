import { useTranslations } from '#i18n';
import type { PostsSource } from '@/lib/data/posts-source';

/** Under an OK account: whether its posts come from the API, a CSV import, or nowhere yet. */
export function PostsSourceNote({ source }: { source: PostsSource | null }) {
  const t = useTranslations('postsSource');
  if (source === null) return null;
  return (
    <div className={`small ${source === 'missing' ? '' : 'muted'}`} data-posts-source={source} title={t(`${source}Hint`)}>
      {source === 'missing' ? '⚠ ' : ''}
      {t(source)}
    </div>
  );
}
