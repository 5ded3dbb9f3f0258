import { attachmentContentTypes } from '@dingops/shared/tickets';

export type ImageType = (typeof attachmentContentTypes)[number];

/** Longest side of a screenshot we take: a phone's long screenshot (长截图) stays well under it. */
export const maxImageSide = 20_000;
/** All frames together: a 5 MB file that would unpack to gigabytes of pixels (a decompression bomb) is refused unopened. */
export const maxImagePixels = 40_000_000;

/** What is wrong with an image of this size, or null when it is a sensible screenshot. */
export function dimensionProblem({ width, height, frames }: { width: number; height: number; frames: number }): string | null {
  if (width < 1 || height < 1) return 'the image has no pixels';
  if (width > maxImageSide || height > maxImageSide) return `an image may be at most ${maxImageSide} pixels on a side (this one is ${width}×${height})`;
  if (width * height * frames > maxImagePixels) return `an image may hold at most ${maxImagePixels / 1_000_000} million pixels in all its frames`;
  return null;
}

/**
 * Where the image ends by its own structure, or null when the structure is broken. Bytes after that
 * point (a script after PNG's IEND, an archive after JPEG's EOI) would make the file two things at once.
 */
export function imageEnd(type: ImageType, bytes: Buffer): number | null {
  switch (type) {
    case 'image/png':
      return pngEnd(bytes);
    case 'image/jpeg':
      return jpegEnd(bytes);
    case 'image/gif':
      return gifEnd(bytes);
    case 'image/webp':
      return bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' ? 8 + bytes.readUInt32LE(4) : null;
  }
}

/** Chunk by chunk (length, type, data, CRC) up to the end of IEND. */
function pngEnd(bytes: Buffer): number | null {
  for (let offset = 8; offset + 12 <= bytes.length; ) {
    const next = offset + 12 + bytes.readUInt32BE(offset);
    if (bytes.toString('latin1', offset + 4, offset + 8) === 'IEND') return next <= bytes.length ? next : null;
    offset = next;
  }
  return null;
}

const isRestart = (marker: number) => marker >= 0xd0 && marker <= 0xd7;

/** Segment by segment; after each start of scan, through the entropy-coded data to the next marker; up to EOI. */
function jpegEnd(bytes: Buffer): number | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let offset = 2;
  while (offset + 2 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1]!;
    if (marker === 0xd9) return offset + 2;
    if (marker === 0xff) offset += 1;
    else if (isRestart(marker) || marker === 0x01) offset += 2;
    else {
      if (offset + 4 > bytes.length) return null;
      offset += 2 + bytes.readUInt16BE(offset + 2);
      // Inside scan data 0xFF is followed by 0x00 (a stuffed byte) or a restart marker.
      if (marker === 0xda) while (offset + 1 < bytes.length && !(bytes[offset] === 0xff && bytes[offset + 1] !== 0 && !isRestart(bytes[offset + 1]!))) offset += 1;
    }
  }
  return null;
}

/** Header, screen descriptor and colour table, then extension and image blocks up to the trailer (0x3B). */
function gifEnd(bytes: Buffer): number | null {
  if (bytes.length < 13) return null;
  const colourTable = (flags: number) => (flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0);
  let offset = 13 + colourTable(bytes[10]!);
  while (offset < bytes.length) {
    const block = bytes[offset];
    if (block === 0x3b) return offset + 1;
    if (block === 0x21) offset = skipSubBlocks(bytes, offset + 2);
    else if (block === 0x2c && offset + 10 <= bytes.length) offset = skipSubBlocks(bytes, offset + 10 + colourTable(bytes[offset + 9]!) + 1);
    else return null;
    if (offset < 0) return null;
  }
  return null;
}

/** GIF data sub-blocks: a length byte and that many bytes, until a zero length; -1 when cut off. */
function skipSubBlocks(bytes: Buffer, start: number): number {
  for (let offset = start; offset < bytes.length; ) {
    const size = bytes[offset]!;
    offset += 1 + size;
    if (size === 0) return offset;
  }
  return -1;
}

/**
 * Invisible characters that reorder or hide text: right-to-left overrides and embeddings (U+202A–202E),
 * isolates (U+2066–2069), direction marks (U+200E/F, U+061C), zero-width characters and the BOM. In a file
 * name they make `gpj.exe` read as `exe.jpg`.
 */
const invisibleControls = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

const extensions: Record<ImageType, readonly string[]> = {
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg', 'jfif'],
  'image/webp': ['webp'],
  'image/gif': ['gif'],
};

/**
 * A file name safe to show and to put in headers: no paths, control or invisible characters, bounded,
 * and ending in the extension of what the bytes are (a `.exe` that is a PNG is shown as `….exe.png`).
 */
export function cleanFileName(name: string, type: ImageType): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const visible = [...base.replace(invisibleControls, '')].filter((char) => char !== '"' && char.charCodeAt(0) > 0x1f && char.charCodeAt(0) !== 0x7f).join('').trim();
  const ownExtension = /\.([a-z0-9]+)$/i.exec(visible)?.[1]?.toLowerCase();
  // Cut by characters, not UTF-16 units: half an emoji would be stored as U+FFFD.
  const stem = [...(visible || 'image')].slice(0, 110).join('');
  return ownExtension && extensions[type].includes(ownExtension) && [...visible].length <= 110 ? stem : `${stem}.${extensions[type][0]}`;
}
