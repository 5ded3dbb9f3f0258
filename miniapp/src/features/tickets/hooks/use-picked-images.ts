import { Toast } from 'antd-mobile';
import { useCallback, useEffect, useRef, useState } from 'react';
import { t } from '../../../lib/i18n';
import { newUploadKey } from '../utils/failed-uploads';
import { checkImageFile, maxAttachmentsPerTicket } from '../utils/image-file';

/** A screenshot picked on the report form: not sent until the ticket exists. `url` is a local preview. */
export type PickedImage = { key: string; url: string; file: File };

/**
 * The report form's screenshots: checked when picked (type by their bytes, size, at most nine),
 * previewed from object URLs that are released when removed or when the form goes.
 */
export function usePickedImages() {
  const [images, setImagesState] = useState<readonly PickedImage[]>([]);
  // The list as last set, for picks that arrive before a re-render.
  const current = useRef<readonly PickedImage[]>([]);

  const setImages = useCallback((next: readonly PickedImage[]) => {
    const kept = new Set(next.map((image) => image.url));
    current.current.filter((image) => !kept.has(image.url)).forEach((image) => URL.revokeObjectURL(image.url));
    current.current = next;
    setImagesState(next);
  }, []);

  useEffect(() => () => setImages([]), [setImages]);

  /** Adds what can be attached, in the order picked; says why a file was left out. */
  const add = useCallback(
    async (files: readonly File[]) => {
      const accepted: File[] = [];
      for (const file of files) {
        const problem = await checkImageFile(file);
        if (problem) Toast.show({ content: t(problem.key, problem.params) });
        else accepted.push(file);
      }
      const room = maxAttachmentsPerTicket - current.current.length;
      if (accepted.length > room) Toast.show({ content: t('attachment.tooMany', { max: maxAttachmentsPerTicket }) });
      const staged = accepted.slice(0, Math.max(room, 0)).map((file) => ({ key: newUploadKey(), url: URL.createObjectURL(file), file }));
      if (staged.length > 0) setImages([...current.current, ...staged]);
    },
    [setImages],
  );

  const clearImages = useCallback(() => setImages([]), [setImages]);

  return { images, add, setImages, clearImages };
}
