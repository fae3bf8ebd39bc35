import type { Migration } from 'kysely';
import * as m0001 from './0001-core';
import * as m0002 from './0002-ranking';
import * as m0003 from './0003-auth';
import * as m0004 from './0004-collect';
import * as m0005 from './0005-rollup-per-account';
import * as m0006 from './0006-ranking-v2';
import * as m0007 from './0007-publication';
import * as m0008 from './0008-sign-in-failure';
import * as m0009 from './0009-meeting-pack';
import * as m0010 from './0010-rank-range';
import * as m0011 from './0011-notify';
import * as m0012 from './0012-coverage';
import * as m0014 from './0014-vk-clips-ok-posts';
import * as m0016 from './0016-rate-slot';
import * as m0017 from './0017-platform-breaks';
import * as m0019 from './0019-targets';
import * as m0020 from './0020-change-notices';

// Listed statically so migrations work the same from the CLI, tests and a
// bundled server. Add new files here in order; names sort as they apply.
export const migrations: Record<string, Migration> = {
  '0001-core': m0001,
  '0002-ranking': m0002,
  '0003-auth': m0003,
  '0004-collect': m0004,
  '0005-rollup-per-account': m0005,
  '0006-ranking-v2': m0006,
  '0007-publication': m0007,
  '0008-sign-in-failure': m0008,
  '0009-meeting-pack': m0009,
  '0010-rank-range': m0010,
  '0011-notify': m0011,
  '0012-coverage': m0012,
  '0014-vk-clips-ok-posts': m0014,
  '0016-rate-slot': m0016,
  '0017-platform-breaks': m0017,
  '0019-targets': m0019,
  '0020-change-notices': m0020,
};
