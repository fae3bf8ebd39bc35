// The networks Podium knows, in the fixed order used for colours and tables.
export const NETWORKS = ['vk', 'ok', 'telegram', 'max', 'youtube', 'rutube', 'website', 'dzen'] as const;
export type Network = (typeof NETWORKS)[number];

export const ACCOUNT_STATUSES = ['active', 'paused', 'not_found', 'private'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const CREDENTIAL_STATUSES = ['valid', 'invalid', 'quota'] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

export const DATA_SOURCES = ['api', 'import', 'manual', 'demo'] as const;
export type DataSource = (typeof DATA_SOURCES)[number];

export const RUN_STATUSES = ['running', 'ok', 'partial', 'failed', 'skipped'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const FEDERAL_DISTRICTS = [
  'central',
  'northwestern',
  'southern',
  'north_caucasian',
  'volga',
  'ural',
  'siberian',
  'far_eastern',
] as const;
export type FederalDistrict = (typeof FEDERAL_DISTRICTS)[number];

// Okabe–Ito, one fixed colour per network across every chart.
export const NETWORK_COLORS: Record<Network, string> = {
  vk: '#0072B2',
  ok: '#E69F00',
  telegram: '#56B4E9',
  max: '#5A3FC0',
  youtube: '#D55E00',
  rutube: '#CC79A7',
  website: '#009E73',
  dzen: '#000000',
};
