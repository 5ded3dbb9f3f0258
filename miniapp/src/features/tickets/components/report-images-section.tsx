import { ImageUploader, List, type ImageUploadItem } from 'antd-mobile';
import { useI18n } from '../../../lib/i18n';
import type { ImagePickerProps } from '../hooks/use-report-form';
import { acceptedImageTypes, maxAttachmentsPerTicket, maxImageMegabytes } from '../utils/image-file';
import styles from './report-form.module.css';

/**
 * Screenshots of the fault (rule R5), picked in the page (UI.md §2: one path for phone, PC, sandbox
 * and tests). Nothing is sent yet: they are previewed here and uploaded once the ticket exists.
 */
export function ReportImagesSection({ images, add, setImages, disabled }: ImagePickerProps & { disabled: boolean }) {
  const { t } = useI18n();
  const items: ImageUploadItem[] = images.map(({ key, url }) => ({ key, url }));

  // The files are taken whole in beforeUpload and nothing is handed on: ImageUploader's own upload
  // task would show a second, short-lived preview of each, and there is nothing to upload yet.
  const take = (file: File, files: File[]) => {
    if (file === files[0]) void add(files);
    return null;
  };

  return (
    <List header={t('report.sectionImages')} className={styles.list}>
      <List.Item className={styles.images} description={t('report.imagesHint', { max: maxAttachmentsPerTicket, size: maxImageMegabytes })}>
        <div data-testid="report-images" data-count={images.length}>
          <ImageUploader
            value={items}
            onChange={(next) => setImages(images.filter((image) => next.some((item) => item.key === image.key)))}
            beforeUpload={take}
            upload={() => Promise.reject(new Error('screenshots are uploaded after the ticket is created'))}
            accept={acceptedImageTypes}
            multiple
            maxCount={maxAttachmentsPerTicket}
            disableUpload={disabled}
            deletable={!disabled}
          />
        </div>
      </List.Item>
    </List>
  );
}
