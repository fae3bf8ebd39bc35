import { createHash } from 'node:crypto';

// The canonical serialization a publication's hash covers (docs/methodology.md,
// "Publication"): JSON with object keys sorted by UTF-16 code unit, no
// whitespace, numbers as JavaScript prints them (shortest round-trip form, -0
// as 0), strings JSON-escaped, keys with an undefined value left out.
// Parsing canonical JSON and serializing it again gives the same bytes.

export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`canonical JSON cannot hold ${value}`);
      return Object.is(value, -0) ? '0' : JSON.stringify(value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw new Error('canonical JSON holds plain objects only');
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
    }
    default:
      throw new Error(`canonical JSON cannot hold a ${typeof value}`);
  }
}

/** Version tag inside every hashed document; a new serialization gets a new tag. */
export const PUBLICATION_FORMAT = 'podium-publication-v1';

/**
 * The hashed document from its stored parts (each already canonical):
 * {"format":…,"meta":…,"rows":[…],"summary":…} — keys in canonical order, so
 * it equals canonicalJson of the whole document.
 */
export function publicationDocument(meta: string, summary: string, rows: readonly string[]): string {
  return `{"format":${JSON.stringify(PUBLICATION_FORMAT)},"meta":${meta},"rows":[${rows.join(',')}],"summary":${summary}}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
