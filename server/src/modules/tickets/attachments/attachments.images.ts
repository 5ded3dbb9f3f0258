import { attachmentContentTypes } from '@dingops/shared/tickets';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { imageTooLarge, imageUnreadable, invalidAttachment } from './attachments.errors';
import { dimensionProblem, type ImageType, imageEnd, maxImagePixels } from './attachments.rules';

// Uploads are decoded once each: libvips' cache of decoded images would only hold people's screenshots in memory.
sharp.cache(false);

const sharpFormats: Record<ImageType, string> = { 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/webp': 'webp', 'image/gif': 'gif' };

export interface InspectedImage {
  contentType: ImageType;
  width: number;
  height: number;
}

/**
 * Rule R5 screenshots, checked by their content alone: a PNG, JPEG, WebP or GIF by its bytes (file-type),
 * nothing after the image's own end, sensible dimensions, and every pixel of every frame decodes (libvips,
 * off the event loop, refusing on warnings such as a truncated scan).
 */
export async function inspectImage(bytes: Buffer): Promise<InspectedImage> {
  const detected = await fileTypeFromBuffer(bytes);
  const contentType = attachmentContentTypes.find((type) => type === detected?.mime);
  if (!contentType) throw invalidAttachment('only PNG, JPEG, WebP or GIF images can be attached');
  if (imageEnd(contentType, bytes) !== bytes.length) throw imageUnreadable('the file is not a complete image, or goes on after the end of its image');

  const metadata = await sharp(bytes, { animated: true, limitInputPixels: false }).metadata().catch(() => null);
  if (!metadata || metadata.format !== sharpFormats[contentType] || !metadata.width || !metadata.height) throw imageUnreadable('the image cannot be read');
  const frames = metadata.pages ?? 1;
  const frameHeight = metadata.pageHeight ?? metadata.height / frames;
  const tooLarge = dimensionProblem({ width: metadata.width, height: frameHeight, frames });
  if (tooLarge) throw imageTooLarge(tooLarge);

  // `stats` reads every pixel in strips, so the whole image is decoded without holding it in memory.
  await sharp(bytes, { animated: true, failOn: 'warning', limitInputPixels: maxImagePixels })
    .stats()
    .catch(() => {
      throw imageUnreadable('the image is damaged or incomplete: it does not decode');
    });
  return { contentType, width: metadata.width, height: frameHeight };
}
