// A query string of the non-empty parameters, commas kept readable (export and report addresses).
export function query(params: Record<string, string | undefined | null>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) sp.set(k, v);
  return sp.toString().replace(/%2C/g, ',');
}
