import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { AppLink } from '@/components/ui/app-link';
import { notFound } from 'next/navigation';
import { TargetDeleteForm, TargetForm, TargetUploadForm } from '@/components/targets/target-forms';
import { TargetTable } from '@/components/targets/target-table';
import { getDb } from '@/db/client';
import type { AppLocale } from '@/i18n/config';
import { requirePageViewer } from '@/lib/auth/session';
import { listBranches } from '@/lib/data/branches';
import { listTargets, withProgress } from '@/lib/data/targets';
import { env } from '@/lib/env';
import { periodContaining, todayIn } from '@/lib/ranking/period';
import { canManageTargets } from '@/lib/targets/store';
import { deleteTargetAction, importTargetsAction, saveTargetAction } from './actions';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('targets');
  return { title: t('title') };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Targets: set one, upload a CSV, see every target with its progress (central staff and admins).
export default async function TargetsPage({ searchParams }: Props) {
  const viewer = await requirePageViewer('/targets');
  // Coordinators read their own branch's targets on the branch page; here, the 404 of any page outside their scope.
  if (!canManageTargets(viewer)) notFound();
  const [t, locale, sp] = await Promise.all([getTranslations('targets'), getLocale() as Promise<AppLocale>, searchParams]);
  const db = getDb();
  const branches = await listBranches(db, viewer);
  const nameOf = new Map(branches.map((b) => [b.slug, locale === 'en' ? b.nameEn : b.name]));
  const wanted = typeof sp.branch === 'string' ? branches.find((b) => b.slug === sp.branch) : undefined;
  const targets = await withProgress(db, viewer, await listTargets(db, viewer, wanted ? { branchId: wanted.id } : {}));
  // The form opens on the running quarter ("followers +5 % a quarter").
  const quarter = periodContaining('quarter', todayIn(env().PODIUM_TIMEZONE));
  const options = branches.map((b) => ({ slug: b.slug, name: nameOf.get(b.slug)! })).sort((a, b) => a.name.localeCompare(b.name, locale));
  return (
    <main className="container">
      <div className="page-head">
        <h1>{t('title')}</h1>
      </div>
      <p className="page-sub">{t('intro')}</p>
      <section className="section" aria-labelledby="target-form-h">
        <h2 id="target-form-h">{t('formTitle')}</h2>
        <p className="small muted">{t('formHelp')}</p>
        <TargetForm
          action={saveTargetAction}
          branches={options}
          defaultBranch={wanted?.slug}
          defaultFrom={quarter.from}
          defaultTo={quarter.to}
        />
      </section>
      <section className="section" aria-labelledby="target-upload-h">
        <h2 id="target-upload-h">{t('uploadTitle')}</h2>
        <p className="small muted">{t('uploadHelp')}</p>
        <TargetUploadForm action={importTargetsAction} />
      </section>
      <section className="section" aria-labelledby="target-list-h">
        <div className="section-head">
          <h2 id="target-list-h">{wanted ? t('listFor', { branch: nameOf.get(wanted.slug)! }) : t('list')}</h2>
          {wanted && (
            <AppLink href="/targets" className="small">
              {t('showAll')}
            </AppLink>
          )}
        </div>
        {targets.length === 0 ? (
          <p className="muted">{t('none')}</p>
        ) : (
          <>
            <TargetTable
              targets={targets}
              caption={t('list')}
              branchName={(slug) => nameOf.get(slug) ?? slug}
              actions={(x) => <TargetDeleteForm action={deleteTargetAction} id={x.id} />}
            />
            <p className="small muted">{t('projectionRule')}</p>
          </>
        )}
      </section>
    </main>
  );
}
