import { sql } from 'kysely';
import type { DB } from '../../db/client';
import type { Viewer } from '../auth/viewer';
import { detailScope } from '../auth/viewer';
import type { BranchRef } from '../api/schemas';
import type { FederalDistrict, Network } from '../networks';

export interface BranchRecord extends BranchRef {
  regionCode: string;
  population: number | null;
}

/** SQL condition "the viewer may read this branch's detail" on a branch id column. */
export function detailVisible(viewer: Viewer, column: string) {
  const ids = detailScope(viewer);
  if (ids === null) return sql<boolean>`true`;
  if (ids.length === 0) return sql<boolean>`false`;
  return sql<boolean>`${sql.ref(column)} = any(${ids}::int[])`;
}

function toRecord(r: {
  id: number;
  slug: string;
  name: string;
  name_en: string;
  federal_district: FederalDistrict;
  region_code: string;
  population: number | null;
}): BranchRecord {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    nameEn: r.name_en,
    federalDistrict: r.federal_district,
    regionCode: r.region_code,
    population: r.population,
  };
}

/**
 * Names of all current branches. Names, ranks and scores are public inside
 * Podium, so this list is not scoped; use getBranchBySlug for detail.
 */
export async function listBranches(db: DB, _viewer: Viewer): Promise<BranchRecord[]> {
  const rows = await db
    .selectFrom('branch')
    .select(['id', 'slug', 'name', 'name_en', 'federal_district', 'region_code', 'population'])
    .where('archived_at', 'is', null)
    .orderBy('name')
    .execute();
  return rows.map(toRecord);
}

/** A branch whose detail the viewer may read; undefined when unknown, archived or out of scope alike. */
export async function getBranchBySlug(db: DB, viewer: Viewer, slug: string): Promise<BranchRecord | undefined> {
  const r = await db
    .selectFrom('branch')
    .select(['id', 'slug', 'name', 'name_en', 'federal_district', 'region_code', 'population'])
    .where('slug', '=', slug)
    .where('archived_at', 'is', null)
    .where(detailVisible(viewer, 'branch.id'))
    .executeTakeFirst();
  return r ? toRecord(r) : undefined;
}

/** Several branches by slug, in the order asked; undefined if any is unknown or out of scope. */
export async function getBranchesBySlugs(db: DB, viewer: Viewer, slugs: string[]): Promise<BranchRecord[] | undefined> {
  if (slugs.length === 0) return [];
  const rows = await db
    .selectFrom('branch')
    .select(['id', 'slug', 'name', 'name_en', 'federal_district', 'region_code', 'population'])
    .where('slug', 'in', slugs)
    .where('archived_at', 'is', null)
    .where(detailVisible(viewer, 'branch.id'))
    .execute();
  if (rows.length !== slugs.length) return undefined;
  const bySlug = new Map(rows.map((r) => [r.slug, toRecord(r)]));
  return slugs.map((s) => bySlug.get(s) as BranchRecord);
}

/** Accounts expected to report per branch (paused ones are not), in a network scope. */
export async function countExpectedAccounts(db: DB, scope: 'all' | Network): Promise<Map<number, number>> {
  let q = db
    .selectFrom('account')
    .select(['branch_id', sql<number>`count(*)::int`.as('n')])
    .where('status', '<>', 'paused')
    .groupBy('branch_id');
  if (scope !== 'all') q = q.where('network', '=', scope);
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.branch_id, r.n]));
}
