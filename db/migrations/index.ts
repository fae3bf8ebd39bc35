import type { Migration } from 'kysely';
import * as m0001 from './0001-core';

// Listed statically so migrations work the same from the CLI, tests and a
// bundled server. Add new files here in order; names sort as they apply.
export const migrations: Record<string, Migration> = {
  '0001-core': m0001,
};
