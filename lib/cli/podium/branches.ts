import { createBranch, listAllBranches, setBranchArchived } from '@/lib/admin/branches';
import { FEDERAL_DISTRICTS } from '@/lib/networks';
import { excerpt } from '@/lib/format/excerpt';
import { UsageError, adminCtx, options, required, table, type Runner } from './common';

const CREATE =
  'npm run podium -- branches create --slug <slug> --name <name ru> --name-en <name en> --region RU-XX --district <federal district> [--population <n>]';

export function branchesCommand(sub: string | undefined, args: string[]): Runner {
  switch (sub) {
    case 'list':
      options(args, {}, 'npm run podium -- branches list');
      return async (io) => {
        const rows = await listAllBranches(io);
        table(
          rows.map((b) => ({
            slug: b.slug,
            region: b.region_code,
            name: b.name,
            population: b.population,
            archived: b.archived_at ? 'yes' : '',
          })),
          io.out,
        );
      };
    case 'create': {
      const v = options(
        args,
        {
          slug: { type: 'string' },
          name: { type: 'string' },
          'name-en': { type: 'string' },
          region: { type: 'string' },
          district: { type: 'string' },
          population: { type: 'string' },
        },
        CREATE,
      );
      const district = required(v, 'district', CREATE);
      if (!(FEDERAL_DISTRICTS as readonly string[]).includes(district))
        throw new UsageError(`--district must be one of ${FEDERAL_DISTRICTS.join(', ')} (got ${excerpt(district)})`);
      let population: number | null = null;
      if (v.population !== undefined) {
        population = Number(v.population);
        if (!/^\d+$/.test(v.population) || population <= 0 || population > 2_147_483_647) {
          throw new UsageError(`--population must be a whole number from 1 to 2147483647 (got ${excerpt(v.population)})`);
        }
      }
      const input = {
        slug: required(v, 'slug', CREATE),
        name: required(v, 'name', CREATE),
        name_en: required(v, 'name-en', CREATE),
        region_code: required(v, 'region', CREATE),
        federal_district: district,
        population,
      };
      return async (io) => {
        await createBranch(adminCtx(io), input);
        io.out(`Created branch ${input.slug}`);
      };
    }
    case 'archive':
    case 'unarchive': {
      const usage = `npm run podium -- branches ${sub} --slug <slug>`;
      const slug = required(options(args, { slug: { type: 'string' } }, usage), 'slug', usage);
      return async (io) => {
        await setBranchArchived(adminCtx(io), slug, sub === 'archive');
        io.out(`${sub === 'archive' ? 'Archived' : 'Restored'} branch ${slug}`);
      };
    }
    default:
      throw new UsageError(`unknown branches command ${excerpt(sub ?? '')}: use list, create, archive or unarchive`);
  }
}
