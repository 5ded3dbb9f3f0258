import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, exportFileName, localTime } from './tickets.export';

describe('CSV export cells', () => {
  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('打印机, 3 楼')).toBe('"打印机, 3 楼"');
    expect(csvCell('他说 "坏了"')).toBe('"他说 ""坏了"""');
    expect(csvCell('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
  });

  it('P4: a cell that a spreadsheet would run as a formula starts with an apostrophe', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('邮箱 = 正常')).toBe('邮箱 = 正常');
  });

  it('lines end in CRLF; times and the file name are in Beijing time', () => {
    expect(csvLine(['a', 'b'])).toBe('a,b\r\n');
    expect(localTime(new Date('2026-11-28T16:30:00Z'), 480)).toBe('2026-11-29 00:30');
    expect(exportFileName(new Date('2026-11-28T16:30:00Z'), 480)).toBe('tickets-20261129.csv');
  });
});
