const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  янв: 1,
  фев: 2,
  мар: 3,
  апр: 4,
  май: 5,
  мая: 5,
  июн: 6,
  июл: 7,
  авг: 8,
  сен: 9,
  окт: 10,
  ноя: 11,
  дек: 12,
};

/**
 * Reads feed dates as they occur in the wild: RFC 822 (with English or Russian
 * names, "Sept", two-digit years, missing zone → the given default offset) and
 * ISO 8601. Returns null when the date cannot be read; never a guess.
 */
export function parseFeedDate(raw: string, defaultOffset = '+03:00'): Date | null {
  const s = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}/.test(s)) {
    const iso = /([zZ]|[+-]\d\d:?\d\d)$/.test(s) || !s.includes('T') ? s : `${s}${defaultOffset}`;
    const t = Date.parse(iso.length === 10 ? `${iso}T00:00:00${defaultOffset}` : iso);
    return Number.isNaN(t) ? null : new Date(t);
  }
  const m = /^(?:[^\d,\s]+,?\s+)?(\d{1,2})\s+([^\s\d.]+)\.?\s+(\d{4}|\d{2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(.*)$/u.exec(s);
  if (!m) return null;
  const [, dd, mon, yy, hh = '0', mi = '0', ss = '0', zoneRaw] = m;
  const month = MONTHS[mon.toLowerCase().slice(0, 4)] ?? MONTHS[mon.toLowerCase().slice(0, 3)];
  if (!month) return null;
  let year = Number(yy);
  if (yy.length === 2) year += year < 70 ? 2000 : 1900;
  const zone = zoneRaw.trim();
  let offset: string;
  if (!zone) offset = defaultOffset;
  else if (/^(GMT|UT|UTC|Z)$/i.test(zone)) offset = '+00:00';
  else if (/^[+-]\d{4}$/.test(zone)) offset = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  else if (/^[+-]\d\d:\d\d$/.test(zone)) offset = zone;
  else if (/^MSK$/i.test(zone)) offset = '+03:00';
  else return null;
  const p2 = (n: string | number) => String(n).padStart(2, '0');
  const iso = `${year}-${p2(month)}-${p2(dd)}T${p2(hh)}:${p2(mi)}:${p2(ss)}${offset}`;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  // Reject rolled-over dates such as 31 Feb.
  if (new Date(Date.parse(`${year}-${p2(month)}-${p2(dd)}T12:00:00Z`)).getUTCDate() !== Number(dd)) return null;
  return new Date(t);
}
