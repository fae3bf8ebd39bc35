// Columns added by migration 0014 (db/migrations/0014-vk-clips-ok-posts.ts), merged into the core types.
declare module './schema' {
  interface AccountDayTable {
    /** VK community's lifetime clip views (groups.getById counters); NULL when VK did not say. */
    clips_views: number | null;
    /** VK community's lifetime clip likes; NULL when VK did not say. */
    clips_likes: number | null;
  }
}

export {};
