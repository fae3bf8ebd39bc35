import { ActionForm, Field } from '@/components/admin/action-form';
import { getDb } from '@/db/client';
import { listAllBranches } from '@/lib/admin/branches';
import { getTranslations } from 'next-intl/server';
import { getLocale } from '@/lib/admin/locale';
import { requirePageAdmin } from '@/lib/auth/session';
import { FEDERAL_DISTRICTS } from '@/lib/networks';
import { archiveBranchAction, createBranchAction, updateBranchAction } from '../actions';
import { AdminTable } from '@/components/admin/admin-table';
import { formatNumber } from '@/lib/format/number';

type B = Awaited<ReturnType<typeof listAllBranches>>[number];

type FieldKey = 'slug' | 'name' | 'nameEn' | 'region' | 'district' | 'population';

// District names as the rest of the UI shows them (messages: districts).
function Fields({
  b,
  s,
  districts,
}: {
  b?: B;
  s: (key: FieldKey) => string;
  districts: (d: (typeof FEDERAL_DISTRICTS)[number]) => string;
}) {
  return (
    <>
      <Field label={s('slug')}>
        <input name="slug" required defaultValue={b?.slug} pattern="[a-z0-9][a-z0-9-]*" size={18} />
      </Field>
      <Field label={s('name')}>
        <input name="name" required defaultValue={b?.name} />
      </Field>
      <Field label={s('nameEn')}>
        <input name="name_en" required defaultValue={b?.name_en} />
      </Field>
      <Field label={s('region')}>
        <input name="region_code" required defaultValue={b?.region_code} size={7} />
      </Field>
      <Field label={s('district')}>
        <select name="federal_district" defaultValue={b?.federal_district ?? 'central'}>
          {FEDERAL_DISTRICTS.map((d) => (
            <option key={d} value={d}>
              {districts(d)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={s('population')}>
        <input name="population" type="number" min={1} defaultValue={b?.population ?? ''} style={{ width: 110 }} />
      </Field>
    </>
  );
}

export default async function BranchesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageAdmin('/admin/branches');
  const locale = await getLocale();
  const [s, districts] = await Promise.all([getTranslations('admin.branches'), getTranslations('districts')]);
  const branches = await listAllBranches({ db: getDb() });
  const { edit } = await searchParams;
  return (
    <section>
      <h1>{s('h')}</h1>
      <h2>{s('create')}</h2>
      <ActionForm action={createBranchAction} submit={s('add')}>
        <Fields s={s} districts={districts} />
      </ActionForm>
      <AdminTable label={s('h')} columns={[s('name'), s('region2'), s('pop2'), null]} numeric={[2]}>
        {branches.map((b) => (
          <tr key={b.id} style={b.archived_at ? { opacity: 0.6 } : undefined}>
            <td>
              {locale === 'en' ? b.name_en : b.name} {b.archived_at && <em>({s('archived')})</em>}
              {/* The edit form only for the branch being edited keeps the page small. */}
              {edit === b.slug && (
                <ActionForm action={updateBranchAction} submit={s('save')}>
                  <input type="hidden" name="id" value={b.id} />
                  <Fields b={b} s={s} districts={districts} />
                </ActionForm>
              )}
            </td>
            <td>{b.region_code}</td>
            <td className="num">{formatNumber(b.population, locale, 0)}</td>
            <td>
              <a href={`/admin/branches?edit=${b.slug}`}>{s('edit')}</a>{' '}
              <ActionForm action={archiveBranchAction} submit={b.archived_at ? s('unarchive') : s('archive')} inline>
                <input type="hidden" name="slug" value={b.slug} />
                <input type="hidden" name="mode" value={b.archived_at ? 'unarchive' : 'archive'} />
              </ActionForm>
            </td>
          </tr>
        ))}
      </AdminTable>
    </section>
  );
}
