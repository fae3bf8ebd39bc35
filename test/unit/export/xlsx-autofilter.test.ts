import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ExportColumn } from '../../../lib/export/table';
import { xlsxStream } from '../../../lib/export/xlsx';

const columns: ExportColumn<{ name: string; score: number }>[] = [
  { key: 'name', header: { ru: 'Отделение', en: 'Branch' }, type: 'text', value: (r) => r.name },
  { key: 'score', header: { ru: 'Балл', en: 'Score' }, type: 'number', value: (r) => r.score },
];

// The header row of every exported sheet carries a filter (issue: XLSX gets an autofilter).
describe('XLSX autofilter', () => {
  it('covers exactly the header row of the data sheet', async () => {
    const stream = xlsxStream({
      sheetName: 'Рейтинг',
      columns,
      rows: [{ name: 'Москва', score: 81.5 }],
      locale: 'ru',
      about: [],
      aboutSheetName: 'О выгрузке',
    });
    const buf = Buffer.from(await new Response(stream).arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Рейтинг')!.autoFilter).toBe('A1:B1');
    expect(wb.getWorksheet('О выгрузке')!.autoFilter ?? null).toBeNull();
  });
});
