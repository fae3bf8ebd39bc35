import { ActionForm, Field } from '@/components/admin/action-form';
import { getDb } from '@/db/client';
import { listAllBranches } from '@/lib/admin/branches';
import { getLocale } from '@/lib/admin/locale';
import { requirePageAdmin } from '@/lib/auth/session';
import { FEDERAL_DISTRICTS } from '@/lib/networks';
import { archiveBranchAction, createBranchAction, updateBranchAction } from '../actions';
import { AdminTable } from '@/components/admin/admin-table';
import en from '@/messages/en.json';
import ru from '@/messages/ru.json';

// District names as the rest of the UI shows them.
const DISTRICTS = { ru: ru.districts, en: en.districts };

const t = {
  ru: { h: 'Отделения', create: 'Новое отделение', slug: 'Код в адресе (slug)', name: 'Название', nameEn: 'Название (англ.)', region: 'Код региона (RU-XX)', district: 'Федеральный округ', population: 'Население', add: 'Создать', save: 'Сохранить', archive: 'В архив', unarchive: 'Вернуть из архива', archived: 'в архиве', edit: 'Изменить', region2: 'Регион', pop2: 'Население' },
  en: { h: 'Branches', create: 'New branch', slug: 'URL slug', name: 'Name (ru)', nameEn: 'Name (en)', region: 'Region code (RU-XX)', district: 'Federal district', population: 'Population', add: 'Create', save: 'Save', archive: 'Archive', unarchive: 'Restore', archived: 'archived', edit: 'Edit', region2: 'Region', pop2: 'Population' },
};

type B = Awaited<ReturnType<typeof listAllBranches>>[number];

function Fields({ s, b, locale }: { s: (typeof t)['ru']; b?: B; locale: keyof typeof t }) {
  return (
    <>
      <Field label={s.slug}><input name="slug" required defaultValue={b?.slug} pattern="[a-z0-9][a-z0-9-]*" size={18} /></Field>
      <Field label={s.name}><input name="name" required defaultValue={b?.name} /></Field>
      <Field label={s.nameEn}><input name="name_en" required defaultValue={b?.name_en} /></Field>
      <Field label={s.region}><input name="region_code" required defaultValue={b?.region_code} size={7} /></Field>
      <Field label={s.district}>
        <select name="federal_district" defaultValue={b?.federal_district ?? 'central'}>
          {FEDERAL_DISTRICTS.map((d) => (
            <option key={d} value={d}>{DISTRICTS[locale][d]}</option>
          ))}
        </select>
      </Field>
      <Field label={s.population}><input name="population" type="number" min={1} defaultValue={b?.population ?? ''} style={{ width: 110 }} /></Field>
    </>
  );
}

export default async function BranchesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageAdmin('/admin/branches');
  const locale = await getLocale();
  const s = t[locale];
  const branches = await listAllBranches({ db: getDb() });
  const { edit } = await searchParams;
  return (
    <section>
      <h1>{s.h}</h1>
      <h2>{s.create}</h2>
      <ActionForm action={createBranchAction} submit={s.add} locale={locale}>
        <Fields s={s} locale={locale} />
      </ActionForm>
      <AdminTable label={s.h} columns={[s.name, s.region2, s.pop2, null]} numeric={[2]}>
          {branches.map((b) => (
            <tr key={b.id} style={b.archived_at ? { opacity: 0.6 } : undefined}>
              <td>
                {locale === 'en' ? b.name_en : b.name} {b.archived_at && <em>({s.archived})</em>}
                {/* The edit form only for the branch being edited keeps the page small. */}
                {edit === b.slug && (
                  <ActionForm action={updateBranchAction} submit={s.save} locale={locale}>
                    <input type="hidden" name="id" value={b.id} />
                    <Fields s={s} b={b} locale={locale} />
                  </ActionForm>
                )}
              </td>
              <td>{b.region_code}</td>
              <td className="num">{b.population ?? '—'}</td>
              <td>
                <a href={`/admin/branches?edit=${b.slug}`}>{s.edit}</a>{' '}
                <ActionForm action={archiveBranchAction} submit={b.archived_at ? s.unarchive : s.archive} locale={locale} inline>
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
