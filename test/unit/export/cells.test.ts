import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvLine, fileSlug, formatCell, formatNumber, neutralizeText } from '../../../lib/export/cells';
import { csvChunks, type ExportColumn } from '../../../lib/export/table';
import { INJECTION_PAYLOADS } from '../../helpers/payloads';


describe('CSV cells', () => {
  it('neutralizes every formula payload in text cells', () => {
    for (const p of INJECTION_PAYLOADS) {
      const out = neutralizeText(p);
      expect(out.startsWith("'")).toBe(true);
      expect(out.slice(1)).toBe(p);
    }
    expect(neutralizeText('Москва')).toBe('Москва');
    expect(neutralizeText('a=b')).toBe('a=b');
  });

  it('keeps numbers — negative ones too — as numbers', () => {
    expect(formatCell(-3, 'integer', 'comma')).toBe('-3');
    expect(formatCell(-12.5, 'number', 'comma')).toBe('-12.5');
    expect(formatCell(-12.5, 'number', 'semicolon')).toBe('-12,5');
    expect(formatCell(1234567.25, 'number', 'semicolon')).toBe('1234567,25');
    expect(formatCell('-3', 'integer', 'comma')).toBe("'-3"); // a string is text, whatever it looks like
  });

  it('never groups thousands and never prints NaN or Infinity', () => {
    expect(formatNumber(1234567, 'comma')).toBe('1234567');
    expect(formatNumber(0.1 + 0.2, 'comma')).toBe('0.3');
    expect(formatNumber(1e21, 'comma')).toBe('1000000000000000000000');
    expect(formatNumber(Number.NaN, 'comma')).toBe('');
    expect(formatNumber(Infinity, 'semicolon')).toBe('');
    expect(formatNumber(-0, 'comma')).toBe('0');
  });

  it('writes dates as ISO 8601', () => {
    expect(formatCell('2026-10-01', 'date', 'comma')).toBe('2026-10-01');
    expect(formatCell(new Date('2026-10-01T12:00:00Z'), 'datetime', 'comma')).toBe('2026-10-01T12:00:00.000Z');
    expect(formatCell(null, 'date', 'comma')).toBe('');
  });

  it('quotes by RFC 4180', () => {
    expect(csvLine(['a,b', 'say "hi"', 'x\ny', 'plain'], 'comma')).toBe('"a,b","say ""hi""","x\ny",plain\r\n');
    expect(csvLine(['a,b', 'c;d'], 'semicolon')).toBe('a,b;"c;d"\r\n');
  });

  it('names files after what and which period', () => {
    expect(fileSlug('podium', 'rankings', 'month', '2026-10', 'all')).toBe('podium-rankings-month-2026-10-all');
    expect(fileSlug('branch', 'Тест/../x')).toBe('branch-x');
  });
});

describe('CSV documents', () => {
  interface Row {
    name: string;
    score: number | null;
    change: number;
    day: string;
  }
  const columns: ExportColumn<Row>[] = [
    { key: 'name', header: { ru: 'Отделение', en: 'Branch' }, type: 'text', value: (r) => r.name },
    { key: 'score', header: { ru: 'Оценка', en: 'Score' }, type: 'number', value: (r) => r.score },
    { key: 'change', header: { ru: 'Изменение', en: 'Change' }, type: 'integer', value: (r) => r.change },
    { key: 'day', header: { ru: 'Дата', en: 'Date' }, type: 'date', value: (r) => r.day },
  ];
  const rows: Row[] = [
    { name: 'Республика Тыва', score: 71.25, change: -2, day: '2026-10-31' },
    ...INJECTION_PAYLOADS.map((p, i) => ({ name: p, score: null, change: i, day: '2026-10-31' })),
  ];
  const collect = async (delimiter: 'comma' | 'semicolon', locale: 'ru' | 'en', data: Row[] = rows) => {
    let s = '';
    for await (const c of csvChunks(data, columns, { delimiter, locale })) s += c;
    return s;
  };

  it('round-trips through an independent parser with a BOM and Cyrillic intact', async () => {
    const text = await collect('comma', 'ru');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const parsed: string[][] = parse(text, { bom: true, relax_quotes: false });
    expect(parsed[0]).toEqual(['Отделение', 'Оценка', 'Изменение', 'Дата']);
    expect(parsed[1]).toEqual(['Республика Тыва', '71.25', '-2', '2026-10-31']);
    expect(parsed).toHaveLength(rows.length + 1);
    for (let i = 0; i < INJECTION_PAYLOADS.length; i++) {
      expect(parsed[i + 2]![0]).toBe(`'${INJECTION_PAYLOADS[i]}`);
      expect(parsed[i + 2]![1]).toBe('');
    }
  });

  it('semicolon mode uses decimal commas and English headers on request', async () => {
    const text = await collect('semicolon', 'en');
    const parsed: string[][] = parse(text, { bom: true, delimiter: ';' });
    expect(parsed[0]).toEqual(['Branch', 'Score', 'Change', 'Date']);
    expect(parsed[1]).toEqual(['Республика Тыва', '71,25', '-2', '2026-10-31']);
  });

  it('an empty result is the header alone', async () => {
    const text = await collect('comma', 'en', []);
    expect(text).toBe('\uFEFFBranch,Score,Change,Date\r\n');
  });
});
