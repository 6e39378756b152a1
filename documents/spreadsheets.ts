// Spreadsheets people hand us (resource directories, priority lists, the training catalogue): a
// CSV or the first sheet of an XLSX, read as records numbered by the line an editor shows, so every
// import can name the lines it refuses in the admin's language. csv-parse and exceljs do the reading.
import { parse as parseCsv, CsvError } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

export interface SheetRecord {
  /** The line the record starts on, counted from 1 as an editor shows it. */
  line: number;
  values: string[];
}
/** A file that cannot be read at all: one problem, named by its line. */
export interface SheetProblem {
  line: number;
  problem: 'quote_not_closed' | 'malformed' | 'unreadable_xlsx' | 'empty';
}

/** Records of a CSV separated by ',' or ';' (Spanish and Italian spreadsheets save with ';'). */
export function readCsv(text: string): SheetRecord[] | SheetProblem {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
  try {
    const parsed = parseCsv(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, info: true, raw: true }) as unknown as Array<{
      record: string[];
      info: { lines: number };
      raw: string;
    }>;
    // info.lines is where the record ends; a quoted field may have spanned several lines.
    return parsed.map((p) => ({ line: p.info.lines - (p.raw.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0), values: p.record }));
  } catch (err) {
    // csv-parse explains in English: the admin reads our sentence, in their language.
    if (err instanceof CsvError) return { line: (err as CsvError & { lines?: number }).lines ?? 1, problem: err.code === 'CSV_QUOTE_NOT_CLOSED' ? 'quote_not_closed' : 'malformed' };
    throw err;
  }
}

/** A cell as text; an Excel date cell becomes its day (exceljs gives dates at UTC midnight). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
    if ('text' in value) return String(value.text).trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value).trim();
}

/** The first sheet of an XLSX, its empty rows skipped. */
export async function readXlsx(content: Buffer): Promise<SheetRecord[] | SheetProblem> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    return { line: 1, problem: 'unreadable_xlsx' };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { line: 1, problem: 'empty' };
  const records: SheetRecord[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const values: string[] = [];
    for (let i = 1; i <= row.cellCount; i++) values.push(cellText(row.getCell(i).value));
    if (values.some(Boolean)) records.push({ line, values });
  });
  return records;
}

/** An XLSX is a ZIP ("PK\x03\x04"), whatever the file is called. */
export const isXlsx = (b: Buffer) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** XLSX or CSV, told apart by the content. */
export async function readSpreadsheet(content: Buffer): Promise<SheetRecord[] | SheetProblem> {
  return isXlsx(content) ? readXlsx(content) : readCsv(content.toString('utf8'));
}
