import type { Network } from '../networks';
import { collectMax } from './max';
import { collectOk } from './ok';
import { collectRutube } from './rutube';
import { collectTelegram } from './telegram';
import type { Collector } from './types';
import { collectVk } from './vk';
import { collectWebsite } from './website';
import { collectYoutube } from './youtube';

/** The collector for each network; Dzen has no API and comes in by CSV import. */
export const COLLECTORS: Partial<Record<Network, Collector>> = {
  vk: collectVk,
  telegram: collectTelegram,
  max: collectMax,
  ok: collectOk,
  youtube: collectYoutube,
  rutube: collectRutube,
  website: collectWebsite,
};

/** Networks whose collector cannot work without a credential. */
export const NEEDS_CREDENTIAL: readonly Network[] = ['vk', 'ok', 'youtube', 'max'];
