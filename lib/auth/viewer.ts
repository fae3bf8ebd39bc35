// Who is asking. Every read of branch data takes a Viewer and applies its scope
// in the query itself; route handlers and pages check it again.
export const ROLES = ['admin', 'central', 'coordinator'] as const;
export type Role = (typeof ROLES)[number];

export interface Viewer {
  userId: string;
  email: string;
  name: string;
  role: Role;
  /** Set for coordinators only: the one branch they may see in full. */
  branchId: number | null;
}

/** Full detail (metrics, trends, posts, accounts, exports) of a branch. */
export function canSeeBranchDetail(viewer: Viewer, branchId: number): boolean {
  if (viewer.role === 'admin' || viewer.role === 'central') return true;
  return viewer.role === 'coordinator' && viewer.branchId === branchId;
}

/** Branch ids whose detail the viewer may read; null means all branches. */
export function detailScope(viewer: Viewer): number[] | null {
  if (viewer.role === 'admin' || viewer.role === 'central') return null;
  return viewer.branchId === null ? [] : [viewer.branchId];
}

export function isAdmin(viewer: Viewer): boolean {
  return viewer.role === 'admin';
}

/** Jobs and the CLI act as the system, which sees everything. */
export const SYSTEM_VIEWER: Viewer = {
  userId: 'system',
  email: 'system@podium.local',
  name: 'system',
  role: 'admin',
  branchId: null,
};
