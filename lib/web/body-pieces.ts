import zlib from 'node:zlib';

// A page kept by the render cache is kept as UTF-8 pieces split at its nonce and joined
// around a fresh one per answer. It is sent gzipped without compressing it per answer
// (docs/operations.md, "Page render cache"): its pieces between nonces are deflated once,
// each on its own (no back-reference crosses into the next piece), and every answer
// joins them around its fresh nonce, sent as a stored (uncompressed) block. Deflate
// blocks may follow one another freely once each piece ends byte-aligned (a sync
// flush), and gzip's CRC-32 is carried over the pieces in order (RFC 1951, RFC 1952).

/** The pieces of `bytes` between occurrences of `sep`. */
export function splitAt(bytes: Buffer, sep: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = bytes.indexOf(sep); at !== -1; at = bytes.indexOf(sep, from)) {
    parts.push(bytes.subarray(from, at));
    from = at + sep.length;
  }
  parts.push(bytes.subarray(from));
  return parts;
}

/** The inverse of splitAt: the pieces joined with `sep` in one buffer. */
export function joinAt(parts: readonly Buffer[], sep: Buffer): Buffer {
  const pieces: Buffer[] = [];
  parts.forEach((p, i) => {
    if (i > 0) pieces.push(sep);
    pieces.push(p);
  });
  return Buffer.concat(pieces);
}

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** The last block: final, fixed Huffman codes, nothing but the end-of-block code. */
const FINAL_EMPTY_BLOCK = Buffer.from([0x03, 0x00]);
const MAX_STORED = 0xffff;

/** Each piece deflated on its own, ending on a byte boundary. */
export function deflatePieces(pieces: readonly Buffer[]): Buffer[] {
  return pieces.map((p) => zlib.deflateRawSync(p, { level: 6, finishFlush: zlib.constants.Z_SYNC_FLUSH }));
}

/** `bytes` as stored deflate blocks (BFINAL 0, BTYPE 00), starting on a byte boundary. */
function storedBlocks(bytes: Buffer): Buffer {
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += MAX_STORED) {
    const chunk = bytes.subarray(at, at + MAX_STORED);
    const head = Buffer.alloc(5);
    head.writeUInt8(0, 0);
    head.writeUInt16LE(chunk.length, 1);
    head.writeUInt16LE(~chunk.length & 0xffff, 3);
    out.push(head, chunk);
  }
  return Buffer.concat(out);
}

/**
 * The gzip of `pieces` joined with `sep`, from the pieces' deflated forms: the same bytes
 * a gunzip gives back as `Buffer.concat` of the pieces with `sep` between them.
 */
export function gzipJoined(pieces: readonly Buffer[], deflated: readonly Buffer[], sep: Buffer): Buffer {
  const sepBlocks = storedBlocks(sep);
  const out: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let size = 0;
  // zlib's crc32 of a buffer without memory (an empty one may have none) is the initial 0, not
  // the running value: empty bytes are skipped.
  const carry = (b: Buffer) => {
    if (b.length > 0) crc = zlib.crc32(b, crc);
    size += b.length;
  };
  pieces.forEach((p, i) => {
    if (i > 0) {
      carry(sep);
      out.push(sepBlocks);
    }
    carry(p);
    out.push(deflated[i]!);
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size % 2 ** 32, 4);
  out.push(FINAL_EMPTY_BLOCK, trailer);
  return Buffer.concat(out);
}

/** Whether an Accept-Encoding header allows gzip (a q of 0 refuses it). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  let gzip: number | null = null;
  let star: number | null = null;
  for (const item of value.split(',')) {
    const [name, ...params] = item.trim().toLowerCase().split(';');
    const qParam = params.map((x) => x.trim()).find((x) => x.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    const weight = Number.isFinite(q) ? q : 0;
    if (name === 'gzip' || name === 'x-gzip') gzip = weight;
    else if (name === '*') star = weight;
  }
  return (gzip ?? star ?? 0) > 0;
}
