import type { Readable } from 'node:stream';
import { ResponseTooLargeError } from './errors';

/**
 * Reads a response body as UTF-8 text, at most `limitBytes` of it. A declared
 * Content-Length over the cap is refused before reading; otherwise bytes are
 * counted as they stream in and the stream is destroyed (the connection
 * closed) the moment the cap is passed, so memory never holds more than the cap.
 */
export async function readCappedText(
  body: Readable,
  headers: Record<string, string | string[] | undefined>,
  limitBytes: number,
  what: string,
): Promise<string> {
  // Destroying the stream makes undici emit an abort error nobody waits for.
  body.on('error', () => {});
  const declared = Number(headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) {
    body.destroy();
    throw new ResponseTooLargeError(what, limitBytes);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    total += buf.length;
    if (total > limitBytes) {
      body.destroy();
      throw new ResponseTooLargeError(what, limitBytes);
    }
    chunks.push(buf);
  }
  // As fetch's text(): UTF-8 whatever the charset, a BOM dropped, bad bytes replaced.
  return new TextDecoder().decode(Buffer.concat(chunks, total));
}
