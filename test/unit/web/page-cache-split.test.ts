import { describe, expect, it } from 'vitest';
import { joinAt, splitAt } from '../../../lib/web/body-pieces';

// The page cache keeps a render's bytes split at its nonce and joins them with a
// fresh one per answer (lib/web/body-pieces.ts), without decoding the page.
describe('page cache: splitting the stored bytes at the nonce', () => {
  const nonce = Buffer.from('bm9uY2UxMjM0NTY3OA==');
  const fresh = Buffer.from('ZnJlc2hub25jZTk4NzY=');

  it.each([
    ['no nonce', 'Рейтинг отделений'],
    ['nonce inside multi-byte text', `<script nonce="${nonce}">«Татарстан»</script><p>Топ-3 — ${nonce}</p>`],
    ['nonce at both ends, twice in a row', `${nonce}${nonce}середина${nonce}`],
    ['empty body', ''],
  ])('%s: join(split(x)) with the same nonce gives x back, and a fresh nonce replaces every one', (_, text) => {
    const bytes = Buffer.from(text);
    const parts = splitAt(bytes, nonce);
    expect(parts.length).toBe(text.split(nonce.toString()).length);
    expect(joinAt(parts, nonce).equals(bytes)).toBe(true);
    expect(joinAt(parts, fresh).toString('utf8')).toBe(text.split(nonce.toString()).join(fresh.toString()));
  });
});
