import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { CompareView } from '@/components/compare/compare-view';
import { getDb } from '@/db/client';
import { compareViewQuerySchema, type CompareResponse } from '@/lib/api/schemas';
import { requirePageViewer } from '@/lib/auth/session';
import { canSeeBranchDetail } from '@/lib/auth/viewer';
import { listBranches } from '@/lib/data/branches';
import { listBreaks } from '@/lib/data/breaks';
import { getCompareView } from '@/lib/data/compare';
import { compareQuery, compareSearch, parseCompareState } from '@/lib/query/compare-state';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('compare');
  return { title: t('title') };
}

// Compare: 1–6 branches with the national and district medians and the top three's average (docs/ui.md, "Compare").
export default async function ComparePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const state = parseCompareState(await searchParams);
  const search = compareSearch(state);
  const viewer = await requirePageViewer(`/compare${search}`);
  const db = getDb();
  const t = await getTranslations('compare');
  // Only branches whose detail the viewer may read can be compared; others in the link are left out (with a message).
  const readable = (await listBranches(db, viewer)).filter((b) => canSeeBranchDetail(viewer, b.id));
  const options = readable.map((b) => ({ slug: b.slug, name: b.name, nameEn: b.nameEn }));
  const coordinator = viewer.role === 'coordinator';
  const defaultBranches = coordinator ? options.map((o) => o.slug) : [];
  const known = new Set(options.map((o) => o.slug));
  const branches = (state.branches.length ? state.branches : defaultBranches).filter((s) => known.has(s));
  let initial: CompareResponse | null = null;
  if (branches.length >= 1) {
    const parsed = compareViewQuerySchema.safeParse({ ...compareQuery(state, branches), branches: branches.join(',') });
    if (parsed.success) initial = (await getCompareView(db, viewer, parsed.data)) ?? null;
  }
  return (
    <main className="container">
      <div className="page-head">
        <h1>{t('title')}</h1>
      </div>
      <Suspense>
        <CompareView
          options={options}
          initial={initial}
          initialSearch={search}
          defaultBranches={defaultBranches}
          coordinator={coordinator}
          breaks={await listBreaks(db)}
        />
      </Suspense>
    </main>
  );
}
