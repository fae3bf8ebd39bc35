import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { ExportColumn } from '../../../lib/export/table';
import { xlsxStream } from '../../../lib/export/xlsx';

interface Row {
  name: string;
  score: number;
  change: number | null;
  day: string;
}

const columns: ExportColumn<Row>[] = [
  { key: 'name', header: { ru: 'Отделение', en: 'Branch' }, type: 'text', value: (r) => r.name, width: 30 },
  { key: 'score', header: { ru: 'Оценка', en: 'Score' }, type: 'number', value: (r) => r.score },
  { key: 'change', header: { ru: 'Изменение', en: 'Change' }, type: 'integer', value: (r) => r.change },
  { key: 'day', header: { ru: 'Дата', en: 'Date' }, type: 'date', value: (r) => r.day },
];

async function readBack(stream: ReadableStream<Uint8Array>): Promise<ExcelJS.Workbook> {
  const buf = Buffer.from(await new Response(stream).arrayBuffer());
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

describe('XLSX export', () => {
  it('writes numbers as numbers, dates as dates, a frozen header and an about sheet', async () => {
    const rows: Row[] = [
      { name: 'Москва', score: 81.5, change: -3, day: '2026-10-31' },
      { name: '=1+1', score: 12, change: null, day: '2026-10-31' },
    ];
    const wb = await readBack(
      xlsxStream({
        sheetName: 'Рейтинг',
        columns,
        rows,
        locale: 'ru',
        about: [{ label: 'Метод', value: 'podium-v1 v1' }],
        aboutSheetName: 'Метод',
      }),
    );
    const ws = wb.getWorksheet('Рейтинг')!;
    expect([1, 2, 3, 4].map((c) => ws.getRow(1).getCell(c).text)).toEqual(['Отделение', 'Оценка', 'Изменение', 'Дата']);
    expect(ws.getCell('A2').text).toBe('Москва');
    expect(ws.getCell('B2').value).toBe(81.5);
    expect(ws.getCell('C2').value).toBe(-3);
    expect(ws.getCell('D2').value).toBeInstanceOf(Date);
    expect((ws.getCell('D2').value as Date).toISOString()).toBe('2026-10-31T00:00:00.000Z');
    // A plain string cell, shown as written: no apostrophe, never a formula.
    expect(ws.getCell('A3').text).toBe('=1+1');
    expect(ws.getCell('A3').formula).toBeUndefined();
    expect(ws.getCell('C3').value).toBeNull();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(1).width).toBe(30);
    const about = wb.getWorksheet('Метод')!;
    expect(about.getCell('B2').text).toBe('podium-v1 v1');
  });
});

describe('XLSX text cells', () => {
  it('are inline strings, never formula-result strings (t="str"), with no apostrophe and no XML-breaking character', async () => {
    const payloads = ['=1+1', "+cmd|' /C calc'!A0", '@SUM(A1)', 'a;=1+1', 'bell\u0007 and \u0001'];
    const rows: Row[] = payloads.map((p, i) => ({ name: p, score: i, change: -i, day: '2026-10-31' }));
    const buf = Buffer.from(
      await new Response(
        xlsxStream({
          sheetName: '=Sheet',
          columns,
          rows,
          locale: 'en',
          about: [{ label: '=label', value: '-value' }],
          aboutSheetName: 'About',
        }),
      ).arrayBuffer(),
    );
    const zip = await JSZip.loadAsync(buf);
    const sheets = Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
    expect(sheets).toHaveLength(2);
    for (const f of sheets) {
      const xml = await zip.file(f)!.async('string');
      expect(xml).not.toContain('t="str"');
      expect(xml).not.toContain('<f>');
      // eslint-disable-next-line no-control-regex
      expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    }
    const sheet1 = await zip.file(sheets.sort()[0]!)!.async('string');
    expect(sheet1).toContain('t="inlineStr"');
    expect(sheet1).toContain('<t>=1+1</t>');
    expect(sheet1).not.toContain("'=1+1");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(payloads.slice(0, 4).map((_, i) => ws.getCell(`A${i + 2}`).text)).toEqual(payloads.slice(0, 4));
    expect(ws.getCell('A6').text).toBe('bell\ufffd and \ufffd');
    expect(ws.getCell('B3').value).toBe(1);
  });
});
