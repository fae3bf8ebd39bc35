import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, deflatePieces, gzipJoined } from '../../../lib/web/body-pieces';

// The page cache's gzip answers (lib/web/body-pieces.ts): pieces deflated once, joined
// around a fresh nonce per answer, must gunzip to exactly the plain page.
describe('gzip of pieces joined around a separator', () => {
  const sep = Buffer.from('bm9uY2UxMjM0NTY3OA==');
  const big = Buffer.from('<tr><td>Республика Татарстан</td><td>1 234</td></tr>'.repeat(3000)); // > 64 kB
  const random = crypto.randomBytes(70_000); // does not compress: stored blocks inside the piece's deflate
  it.each([
    ['one piece', [Buffer.from('<html>без nonce</html>')]],
    ['pieces with Cyrillic', [Buffer.from('<script nonce="'), Buffer.from('">«Топ-3»</script><p>'), Buffer.from('</p>')]],
    ['empty pieces at both ends and in the middle', [Buffer.alloc(0), Buffer.from('a'), Buffer.alloc(0), Buffer.alloc(0)]],
    ['large and incompressible pieces', [big, random, big]],
  ])('%s: gunzip gives the pieces joined with the separator', (_, pieces) => {
    const deflated = deflatePieces(pieces);
    for (const s of [sep, Buffer.from('x'.repeat(70_000))]) {
      const gz = gzipJoined(pieces, deflated, s);
      const plain = Buffer.concat(pieces.flatMap((p, i) => (i > 0 ? [s, p] : [p])));
      expect(zlib.gunzipSync(gz).equals(plain)).toBe(true);
    }
  });

  it('compresses a page-like body, and the same pieces take any separator', () => {
    const pieces = [big, big];
    const deflated = deflatePieces(pieces);
    const a = gzipJoined(pieces, deflated, Buffer.from('AAAA'));
    const b = gzipJoined(pieces, deflated, Buffer.from('BBBB'));
    expect(a.length).toBeLessThan(big.length / 10);
    expect(zlib.gunzipSync(a).toString()).toContain('AAAA');
    expect(zlib.gunzipSync(b).toString()).toContain('BBBB');
  });

  it.each([
    ['gzip, deflate, br', true],
    ['br;q=1.0, gzip;q=0.8', true],
    ['GZIP', true],
    ['x-gzip', true],
    ['*', true],
    ['gzip;q=0', false],
    ['identity', false],
    ['', false],
    [undefined, false],
    ['*;q=0, br', false],
    ['gzip;q=abc', false],
    ['\u0000gzip', false],
  ])('Accept-Encoding %j allows gzip: %s', (header, ok) => {
    expect(acceptsGzip(header)).toBe(ok);
  });
});
