import { Readable } from 'node:stream';

/** Excel reads a UTF-8 file as the local code page (GBK in China) unless it starts with a byte-order mark. */
export const utf8Bom = '\uFEFF';

export type CsvValue = string | number | boolean | null | undefined;

/**
 * Text a spreadsheet would run as a formula: = + - @ first, or a tab / carriage return that some
 * spreadsheets skip before looking for one (OWASP "CSV injection").
 */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled.
 * Text that a spreadsheet would run as a formula gets a leading apostrophe first, so data someone
 * typed (a ticket title, an audit summary) cannot become a formula on the reader's machine.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && formulaStart.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated as RFC 4180 and Excel expect. */
export const csvLine = (cells: readonly CsvValue[]): string => `${cells.map(csvCell).join(',')}\r\n`;

/**
 * A CSV file as a byte stream: BOM and header first, then each batch of rows as it arrives. The next
 * batch is pulled only when the client has taken the last one, so a large export never sits in memory.
 */
export function csvStream({ header, batches }: { header: readonly string[]; batches: AsyncIterable<readonly (readonly CsvValue[])[]> }): Readable {
  async function* chunks() {
    yield Buffer.from(utf8Bom + csvLine(header), 'utf8');
    for await (const rows of batches) {
      if (rows.length > 0) yield Buffer.from(rows.map(csvLine).join(''), 'utf8');
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

/** A header value safe for Content-Disposition: ASCII file names only, no quotes or path parts. */
export function attachmentDisposition(fileName: string): string {
  const safe = fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${safe}"`;
}
