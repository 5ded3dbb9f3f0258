import type { TicketCategory } from '@dingops/shared/tickets';
import { Popup } from 'antd-mobile';
import { useI18n } from '../../../lib/i18n';
import { useTicketCategories } from '../hooks/use-ticket-categories';
import { categoryName } from '../utils/category-name';
import type { CategoryGroup } from '../utils/category-tree';
import styles from '../../../components/bottom-sheet.module.css';
import { ChoiceChips } from './choice-chips';
import tree from './category-sheet.module.css';

type CategorySheetProps = { visible: boolean; value: TicketCategory | null; onPick: (category: TicketCategory) => void; onClose: () => void };

/** Roots with children become headed groups; runs of roots without children are chips of their own. */
function sections(groups: readonly CategoryGroup[]): { heading: string | null; codes: string[] }[] {
  const result: { heading: string | null; codes: string[] }[] = [];
  for (const group of groups) {
    const last = result.at(-1);
    if (group.children.length > 0) result.push({ heading: group.code, codes: group.children });
    else if (last && last.heading === null) last.codes.push(group.code);
    else result.push({ heading: null, codes: [group.code] });
  }
  return result;
}

/** Bottom sheet with IT's category tree (built-in labels until it loads): one tap picks and closes. */
export function CategorySheet({ visible, value, onPick, onClose }: CategorySheetProps) {
  const { t } = useI18n();
  const { groups } = useTicketCategories();
  const pick = (category: TicketCategory) => {
    onPick(category);
    onClose();
  };
  return (
    <Popup visible={visible} onMaskClick={onClose} onClose={onClose} bodyClassName={styles.sheet}>
      <div className={`${styles.body} ${tree.body}`} data-testid="report-category-sheet">
        <h2 id="report-category-sheet-title" className={styles.title}>
          {t('report.categorySheetTitle')}
        </h2>
        {sections(groups).map((section) => {
          const headingId = section.heading ? `report-category-group-${section.heading}` : 'report-category-sheet-title';
          return (
            <div key={section.heading ?? section.codes[0]} className={tree.group}>
              {section.heading ? (
                <h3 id={headingId} className={tree.heading}>
                  {categoryName(section.heading)}
                </h3>
              ) : null}
              <ChoiceChips options={section.codes} value={value} onChange={pick} labelOf={categoryName} testIdPrefix="report-category" labelledBy={headingId} columns={3} />
            </div>
          );
        })}
      </div>
    </Popup>
  );
}
