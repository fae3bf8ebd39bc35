import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, csvText, fileSlug, formatCell, formatNumber, neutralizeText } from '../../../lib/export/cells';
import { csvChunks, type ExportColumn } from '../../../lib/export/table';
import { CROSS_SEPARATOR_PAYLOADS, INJECTION_PAYLOADS, livePieces } from '../../helpers/payloads';

describe('CSV cells', () => {
  it('neutralizes every formula payload in text cells', () => {
    for (const p of INJECTION_PAYLOADS) {
      const out = neutralizeText(p);
      expect(out.startsWith("'")).toBe(true);
      // Only apostrophes added (CR aside): the payload still reads the same.
      expect(out.replace(/'/g, '')).toBe(p.replace(/\r\n?/g, '\n').replace(/'/g, ''));
    }
    expect(neutralizeText('Москва')).toBe('Москва');
    expect(neutralizeText('a=b')).toBe('a=b');
    expect(neutralizeText('Северо-Западный')).toBe('Северо-Западный');
  });

  it('neutralizes a formula after any separator or line break inside the cell', () => {
    expect(neutralizeText('a;=1+1')).toBe("a;'=1+1");
    expect(neutralizeText('a,+1')).toBe("a,'+1");
    expect(neutralizeText('a\t@SUM(A1)')).toBe("a\t'@SUM(A1)");
    expect(neutralizeText('a\n-1+2')).toBe("a\n'-1+2");
    expect(neutralizeText('a; "=1+1"')).toBe('a;\' "=1+1"');
    // Full-width forms, which Excel also reads as formula characters.
    expect(neutralizeText('\uFF1D1+1')).toBe("'\uFF1D1+1");
    expect(neutralizeText('x;\uFF20SUM(A1)')).toBe("x;'\uFF20SUM(A1)");
    // A leading tab is marked, and so is the formula behind it.
    expect(neutralizeText('\t=1+1')).toBe("'\t'=1+1");
  });

  it('leaves no bare CR: CR and CRLF inside a cell become LF', () => {
    expect(neutralizeText('a\rb\r\nc')).toBe('a\nb\nc');
    expect(neutralizeText('a\r=1+1')).toBe("a\n'=1+1");
    for (const p of [...INJECTION_PAYLOADS, ...CROSS_SEPARATOR_PAYLOADS]) expect(neutralizeText(p)).not.toContain('\r');
  });

  it('quotes every text cell and leaves numbers and dates bare', () => {
    expect(csvCell('Москва', 'text', 'comma')).toBe('"Москва"');
    expect(csvCell('a;=1', 'text', 'comma')).toBe(`"a;'=1"`);
    expect(csvCell(-3, 'integer', 'comma')).toBe('-3');
    expect(csvCell(-12.5, 'number', 'semicolon')).toBe('-12,5');
    expect(csvCell('2026-10-01', 'date', 'comma')).toBe('2026-10-01');
    expect(csvCell('=1+1', 'date', 'comma')).toBe(`"'=1+1"`); // not a date: text
    expect(csvCell(null, 'text', 'comma')).toBe('');
    expect(csvText('Отделение')).toBe('"Отделение"');
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
    expect(
      csvLine(
        ['a,b', 'say "hi"', 'x\ny', 'plain'].map((v) => csvCell(v, 'text', 'comma')),
        'comma',
      ),
    ).toBe('"a,b","say ""hi""","x\ny","plain"\r\n');
    expect(csvLine([csvCell(1.5, 'number', 'semicolon'), csvCell('c;d', 'text', 'semicolon')], 'semicolon')).toBe('1,5;"c;d"\r\n');
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
      expect(parsed[i + 2]![0]).toBe(neutralizeText(INJECTION_PAYLOADS[i]!));
      expect(parsed[i + 2]![0]!.startsWith("'")).toBe(true);
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
    expect(text).toBe('\uFEFF"Branch","Score","Change","Date"\r\n');
  });

  it('holds no live formula for a reader that splits on comma, semicolon or tab, or ignores quotes', async () => {
    const hostile = [...INJECTION_PAYLOADS, ...CROSS_SEPARATOR_PAYLOADS].map((p, i) => ({
      name: p,
      score: -i - 0.5,
      change: -i,
      day: '2026-10-31',
    }));
    for (const delimiter of ['comma', 'semicolon'] as const) {
      const text = await collect(delimiter, 'en', hostile);
      for (const sep of [',', ';', '\t']) expect(livePieces(text, sep), `${delimiter} file read with ${JSON.stringify(sep)}`).toEqual([]);
      // Read as written, every payload comes back whole behind its marks.
      const parsed: string[][] = parse(text, { bom: true, delimiter: delimiter === 'comma' ? ',' : ';' });
      expect(parsed.slice(1).map((r) => r[0]!.replace(/'/g, ''))).toEqual(
        hostile.map((h) => h.name.replace(/\r\n?/g, '\n').replace(/'/g, '')),
      );
    }
  });

  it('the reader model finds the formulas in an unprotected file (the check can fail)', () => {
    expect(livePieces('"x","a;=1+1"\r\n', ';')).toEqual(['=1+1"']);
    expect(livePieces('"a\r=1+1"\r\n', ',')).toEqual(['=1+1"']);
    expect(livePieces('-3,"-12,5",\uFF1D1\r\n', ',')).toEqual(['\uFF1D1']);
  });
});
