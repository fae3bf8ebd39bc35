import { describe, expect, it } from 'vitest';
import { postsSource } from '@/lib/data/posts-source';

describe('where an OK group posts come from (health page)', () => {
  const none = { imported: false, demo: false };
  it('is the API only with the group admin token, else CSV, demo data or missing', () => {
    expect(postsSource('ok', 'admin', none)).toBe('api');
    expect(postsSource('ok', 'admin', { imported: true, demo: true })).toBe('api');
    expect(postsSource('ok', null, { imported: true, demo: true })).toBe('csv');
    expect(postsSource('ok', 'user', { imported: false, demo: true })).toBe('demo');
    expect(postsSource('ok', null, none)).toBe('missing');
  });
  it('says nothing for networks whose posts do not depend on the credential', () => {
    expect(postsSource('vk', 'admin', none)).toBeNull();
    expect(postsSource('telegram', null, none)).toBeNull();
  });
});
