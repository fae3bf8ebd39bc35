import type { Task } from 'graphile-worker';
import { z } from 'zod';
import type { DB } from '../../db/client';
import type { Env } from '../env';
import { runPack } from '../pack/run';

export const meetingPackPayload = z.object({ packId: z.number().int().positive() });

/** The worker builds a requested or scheduled meeting pack (lib/pack/store.ts). */
export function meetingPackTask(deps: { db: DB; env: Env }): Task {
  return async (payload) => {
    const p = meetingPackPayload.parse(payload);
    await runPack(deps.db, p.packId, { chromiumPath: deps.env.PODIUM_CHROMIUM_PATH });
  };
}
