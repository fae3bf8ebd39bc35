import type { Viewer } from './viewer';

// INTERIM until sign-in lands (Access issue): every visitor is treated as
// central staff. The Access work replaces this with the better-auth session.
export async function getViewer(): Promise<Viewer | null> {
  return { userId: 'interim', email: 'interim@podium.local', name: 'Interim', role: 'central', branchId: null };
}
