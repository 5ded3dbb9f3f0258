import { defaultTicketCategoryCodes, type TicketCategory } from '@dingops/shared/tickets';
import { Popup } from 'antd-mobile';
import { useI18n } from '../../../lib/i18n';
import { ChoiceChips } from './choice-chips';
import styles from '../../../components/bottom-sheet.module.css';
import { categoryName } from '../utils/category-name';

type CategorySheetProps = { visible: boolean; value: TicketCategory | null; onPick: (category: TicketCategory) => void; onClose: () => void };

/** Bottom sheet with every category as a chip: one tap picks and closes. */
export function CategorySheet({ visible, value, onPick, onClose }: CategorySheetProps) {
  const { t } = useI18n();
  const pick = (category: TicketCategory) => {
    onPick(category);
    onClose();
  };
  return (
    <Popup visible={visible} onMaskClick={onClose} onClose={onClose} bodyClassName={styles.sheet}>
      <div className={styles.body} data-testid="report-category-sheet">
        <h2 id="report-category-sheet-title" className={styles.title}>
          {t('report.categorySheetTitle')}
        </h2>
        <ChoiceChips
          options={defaultTicketCategoryCodes}
          value={value}
          onChange={pick}
          labelOf={(category) => categoryName(category)}
          testIdPrefix="report-category"
          labelledBy="report-category-sheet-title"
          columns={3}
        />
      </div>
    </Popup>
  );
}
