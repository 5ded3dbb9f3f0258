import { describe, expect, it } from 'vitest';
import { cleanFileName, sniffImageType } from './attachments.rules';

describe('attachment checks', () => {
  it('recognises PNG, JPEG, WebP and GIF by their bytes, and nothing else', () => {
    expect(sniffImageType(Buffer.from('89504e470d0a1a0a0000', 'hex'))).toBe('image/png');
    expect(sniffImageType(Buffer.from('ffd8ffe000104a464946', 'hex'))).toBe('image/jpeg');
    expect(sniffImageType(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]))).toBe('image/webp');
    expect(sniffImageType(Buffer.from('GIF89a'))).toBe('image/gif');
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImageType(Buffer.from('%PDF-1.7'))).toBeNull();
  });

  it('file names lose paths, quotes and control characters', () => {
    expect(cleanFileName('C:\\Users\\zw\\截图 1.png')).toBe('截图 1.png');
    expect(cleanFileName('../../etc/"passwd"\n')).toBe('passwd');
    expect(cleanFileName('')).toBe('image');
  });
});
