import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { cleanFileName, dimensionProblem, type ImageType, imageEnd, maxImagePixels } from './attachments.rules';

const formats: [ImageType, (image: Sharp) => Sharp][] = [
  ['image/png', (image) => image.png()],
  ['image/jpeg', (image) => image.jpeg({ progressive: true })],
  ['image/webp', (image) => image.webp()],
  ['image/gif', (image) => image.gif()],
];

const sample = (encode: (image: Sharp) => Sharp) => encode(sharp({ create: { width: 40, height: 30, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })).toBuffer();

describe('attachment checks', () => {
  for (const [type, encode] of formats) {
    it(`R5: a ${type} ends where its own structure says, so bytes after the image or a cut-off file are noticed`, async () => {
      const image = await sample(encode);
      expect(imageEnd(type, image)).toBe(image.length);
      const withScript = Buffer.concat([image, Buffer.from('<script>alert(1)</script>')]);
      expect(imageEnd(type, withScript)).not.toBe(withScript.length);
      const cut = image.subarray(0, image.length - 9);
      expect(imageEnd(type, cut)).not.toBe(cut.length);
    });
  }

  it('R5: a PNG signature followed by text has no image structure at all', () => {
    expect(imageEnd('image/png', Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('<script>alert(1)</script>')]))).toBeNull();
  });

  it('sensible screenshots pass; pixel bombs and absurd strips do not', () => {
    expect(dimensionProblem({ width: 1170, height: 15_000, frames: 1 })).toBeNull();
    expect(dimensionProblem({ width: 1, height: 30_000, frames: 1 })).toContain('20000 pixels on a side');
    expect(dimensionProblem({ width: 10_000, height: 10_000, frames: 1 })).toContain('40 million pixels');
    expect(dimensionProblem({ width: 1000, height: 1000, frames: maxImagePixels / 1_000_000 + 1 })).toContain('all its frames');
  });

  it('file names lose paths, quotes and control characters, and end in the extension of what the bytes are', () => {
    expect(cleanFileName('C:\\Users\\zw\\截图 1.png', 'image/png')).toBe('截图 1.png');
    expect(cleanFileName('../../etc/"passwd"\n', 'image/png')).toBe('passwd.png');
    expect(cleanFileName('photo.JPEG', 'image/jpeg')).toBe('photo.JPEG');
    expect(cleanFileName('photo.png', 'image/gif')).toBe('photo.png.gif');
    expect(cleanFileName('', 'image/webp')).toBe('image.webp');
  });

  it('S4: right-to-left overrides, isolates, direction marks and zero-width characters are dropped, so a name shows what it is', () => {
    // Shown as "invoice_gpj.exe" reversed: "invoice_exe.jpg"; stripped it is plainly not a .jpg.
    expect(cleanFileName('invoice_\u202egpj.exe', 'image/png')).toBe('invoice_gpj.exe.png');
    expect(cleanFileName('\u2067截图\u2069\u200e\u200f\u200b\ufeff.png', 'image/png')).toBe('截图.png');
    expect(cleanFileName('a\u202a\u202b\u202c\u202d\u2066\u2068b.gif', 'image/gif')).toBe('ab.gif');
  });
});
