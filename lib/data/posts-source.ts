// Where an account's posts come from, for the collection-health page
// (docs/collectors.md "OK posts"; issue #15 item 2). OK posts need the group
// admin's token; groups without one come in by CSV import.
import type { Network } from '../networks';

/** 'api': the collector reads posts; 'csv': only imported posts; 'demo': demo data; 'missing': none of these. */
export type PostsSource = 'api' | 'csv' | 'demo' | 'missing';

/**
 * For networks whose posts depend on the credential (OK today), which way the
 * account's posts arrive; null for networks where every collection reads posts
 * or none ever can.
 */
export function postsSource(network: Network, tokenType: string | null, has: { imported: boolean; demo: boolean }): PostsSource | null {
  if (network !== 'ok') return null;
  if (tokenType === 'admin') return 'api';
  if (has.imported) return 'csv';
  return has.demo ? 'demo' : 'missing';
}
