import { describe, expect, it } from 'vitest';
import { withDeadline } from '../../../lib/jobs/tasks';

describe('withDeadline', () => {
  it('passes a result through', async () => {
    await expect(withDeadline(Promise.resolve(7), 1000, 'x')).resolves.toBe(7);
  });
  it('rejects work that never settles, naming it', async () => {
    await expect(withDeadline(new Promise(() => {}), 20, 'collection of account 5')).rejects.toThrow(
      /collection of account 5 did not finish within 0 s/,
    );
  });
  it('keeps the work’s own error', async () => {
    await expect(withDeadline(Promise.reject(new Error('boom')), 1000, 'x')).rejects.toThrow('boom');
  });
});
