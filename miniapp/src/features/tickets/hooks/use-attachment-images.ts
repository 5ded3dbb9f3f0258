import type { Attachment } from '@dingops/shared/tickets';
import { useCallback, useEffect, useRef, useState } from 'react';
import { getAttachmentImage } from '../api/get-attachment-image';

export type AttachmentImage = { status: 'loading' } | { status: 'ready'; url: string } | { status: 'failed' };

const loading: AttachmentImage = { status: 'loading' };

/**
 * Each attachment's image as an object URL: fetched with the token (a bare <img src> has none),
 * once per attachment, and revoked when the page goes.
 */
export function useAttachmentImages(attachments: readonly Attachment[]) {
  const [images, setImages] = useState<Readonly<Record<string, AttachmentImage>>>({});
  const [retries, setRetries] = useState(0);
  // Object URLs made so far, by attachment id; they outlive re-renders, not the component.
  const made = useRef(new Map<string, string>());
  const latest = useRef(attachments);

  useEffect(() => {
    latest.current = attachments;
  }, [attachments]);

  useEffect(() => {
    const owned = made.current;
    return () => {
      owned.forEach((url) => URL.revokeObjectURL(url));
      owned.clear();
    };
  }, []);

  const ids = attachments.map((attachment) => attachment.id).join(',');
  useEffect(() => {
    const controller = new AbortController();
    for (const attachment of latest.current) {
      if (made.current.has(attachment.id)) continue;
      setImages((previous) => (previous[attachment.id]?.status === 'loading' ? previous : { ...previous, [attachment.id]: loading }));
      getAttachmentImage({ attachment, signal: controller.signal })
        .then((blob) => {
          if (controller.signal.aborted) return;
          const url = URL.createObjectURL(blob);
          made.current.set(attachment.id, url);
          setImages((previous) => ({ ...previous, [attachment.id]: { status: 'ready', url } }));
        })
        .catch(() => {
          if (!controller.signal.aborted) setImages((previous) => ({ ...previous, [attachment.id]: { status: 'failed' } }));
        });
    }
    return () => controller.abort();
  }, [ids, retries]);

  /** Try the ones that failed again. */
  const retry = useCallback(() => setRetries((count) => count + 1), []);

  return { imageOf: (id: string): AttachmentImage => images[id] ?? loading, retry };
}
