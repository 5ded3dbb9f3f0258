import { describe, expect, it } from 'vitest';
import { attachmentDisposition, csvCell, csvLine, csvStream, utf8Bom } from './csv';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(parts).toString('utf8');
}

describe('CSV writer', () => {
  it('quotes commas, quotes and line breaks (RFC 4180) and leaves plain text alone', () => {
    expect(csvCell('打印机, 3 楼')).toBe('"打印机, 3 楼"');
    expect(csvCell('他说 "坏了"')).toBe('"他说 ""坏了"""');
    expect(csvCell('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
    expect(csvCell('张伟')).toBe('张伟');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(true)).toBe('true');
  });

  it('P4: text a spreadsheet would run as a formula (= + - @, tab, CR first) starts with an apostrophe', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('=cmd|"/c calc"!A1, x')).toBe(`"'=cmd|""/c calc""!A1, x"`);
    expect(csvCell('邮箱 = 正常')).toBe('邮箱 = 正常');
    // Numbers are numbers, not typed text: a negative number stays a number.
    expect(csvCell(-2)).toBe('-2');
  });

  it('lines end in CRLF', () => {
    expect(csvLine(['a', 'b,c', null])).toBe('a,"b,c",\r\n');
  });

  it('a stream starts with the BOM and the header and pulls batches one by one', async () => {
    const pulled: number[] = [];
    async function* batches() {
      for (let batch = 0; batch < 3; batch += 1) {
        pulled.push(batch);
        yield [[`row ${batch}`, batch]];
      }
      yield [];
    }
    const text = await readAll(csvStream({ header: ['名称', 'n'], batches: batches() }));
    expect(text.startsWith(utf8Bom)).toBe(true);
    expect(text.slice(1)).toBe('名称,n\r\nrow 0,0\r\nrow 1,1\r\nrow 2,2\r\n');
    expect(pulled).toEqual([0, 1, 2]);
  });

  it('a stream stops asking for batches when the reader goes away', async () => {
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled += 1;
        yield [['x'.repeat(1000)]];
      }
    }
    const stream = csvStream({ header: ['x'], batches: endless() });
    for await (const _chunk of stream) {
      if (pulled >= 3) break;
    }
    const seen = pulled;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(pulled).toBe(seen);
    expect(pulled).toBeLessThan(10);
  });

  it('a file name in Content-Disposition keeps to safe ASCII', () => {
    expect(attachmentDisposition('audit-20261128.csv')).toBe('attachment; filename="audit-20261128.csv"');
    expect(attachmentDisposition('a"b/../审计.csv')).toBe('attachment; filename="a_b_..___.csv"');
  });
});
