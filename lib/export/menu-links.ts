// The download links of the export menu: pure, so the order rule is tested without a browser.
// Apart from the screens' export addresses (./links.ts) so a page's browser code carries only what it uses.

export type ExportLinkKind = 'csvSemicolon' | 'csvComma' | 'xlsx';

export interface ExportLink {
  kind: ExportLinkKind;
  href: string;
}

function withParams(href: string, params: Record<string, string>): string {
  const [path, query = ''] = href.split('?', 2) as [string, string?];
  const sp = new URLSearchParams(query);
  for (const [k, v] of Object.entries(params)) sp.set(k, v);
  return `${path}?${sp.toString()}`;
}

/**
 * CSV in the dialect of the UI language first (Russian: semicolon and decimal
 * comma, which Russian Excel opens in columns; English: comma and dot), then
 * the other dialect, then XLSX. Headers follow the UI language.
 */
export function exportLinks(href: string, locale: string): ExportLink[] {
  const lang = locale === 'en' ? 'en' : 'ru';
  const semicolon: ExportLink = { kind: 'csvSemicolon', href: withParams(href, { format: 'csv', delimiter: 'semicolon', lang }) };
  const comma: ExportLink = { kind: 'csvComma', href: withParams(href, { format: 'csv', delimiter: 'comma', lang }) };
  const xlsx: ExportLink = { kind: 'xlsx', href: withParams(href, { format: 'xlsx', lang }) };
  return lang === 'ru' ? [semicolon, comma, xlsx] : [comma, semicolon, xlsx];
}
