import ExcelJS from 'exceljs';
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
      xlsxStream({ sheetName: 'Рейтинг', columns, rows, locale: 'ru', about: [{ label: 'Метод', value: 'podium-v1 v1' }], aboutSheetName: 'Метод' }),
    );
    const ws = wb.getWorksheet('Рейтинг')!;
    expect(ws.getRow(1).values).toEqual([undefined, 'Отделение', 'Оценка', 'Изменение', 'Дата']);
    expect(ws.getCell('A2').value).toBe('Москва');
    expect(ws.getCell('B2').value).toBe(81.5);
    expect(ws.getCell('C2').value).toBe(-3);
    expect(ws.getCell('D2').value).toBeInstanceOf(Date);
    expect((ws.getCell('D2').value as Date).toISOString()).toBe('2026-10-31T00:00:00.000Z');
    expect(ws.getCell('A3').value).toBe("'=1+1");
    expect(ws.getCell('C3').value).toBeNull();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(1).width).toBe(30);
    const about = wb.getWorksheet('Метод')!;
    expect(about.getCell('B2').value).toBe('podium-v1 v1');
  });
});
