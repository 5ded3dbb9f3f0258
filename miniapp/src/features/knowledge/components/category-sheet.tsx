import type { TicketCategoryNode } from '@dingops/shared/tickets';
import { CheckList, Popup } from 'antd-mobile';
import type { CSSProperties } from 'react';
import { useI18n } from '../../../lib/i18n';
import { flattenCategoryTree, nodeName } from '../utils/category-tree';
import sheet from '../../../components/bottom-sheet.module.css';
import styles from './category-sheet.module.css';

type CategorySheetProps = {
  visible: boolean;
  nodes: readonly TicketCategoryNode[];
  value: string | null;
  /** Offer "all categories" first (the list filter); a form leaves it out. */
  allowAll?: boolean;
  onPick: (code: string | null) => void;
  onClose: () => void;
};

const allValue = '*';

/** The category tree in a bottom sheet: roots with their children indented under them; one tap picks. */
export function CategorySheet({ visible, nodes, value, allowAll = false, onPick, onClose }: CategorySheetProps) {
  const { t, locale } = useI18n();
  const rows = flattenCategoryTree(nodes.filter((node) => node.active));
  const pick = (values: string[]) => {
    const picked = values[0];
    if (picked === undefined) return;
    onPick(picked === allValue ? null : picked);
    onClose();
  };
  return (
    <Popup visible={visible} onMaskClick={onClose} onClose={onClose} bodyClassName={sheet.sheet}>
      <div className={`${sheet.body} ${styles.body}`} data-testid="knowledge-category-sheet">
        <h2 className={sheet.title}>{t('knowledge.pickCategory')}</h2>
        <CheckList value={[value ?? allValue]} onChange={(values) => pick(values.map(String))} className={styles.list}>
          {allowAll ? (
            <CheckList.Item value={allValue} data-testid="knowledge-category-all">
              {t('knowledge.allCategories')}
            </CheckList.Item>
          ) : null}
          {rows.map(({ node, depth }) => (
            <CheckList.Item key={node.code} value={node.code} className={depth > 0 ? styles.child : undefined} style={{ '--depth': depth } as CSSProperties} data-testid={`knowledge-category-${node.code}`}>
              {nodeName(node, locale)}
            </CheckList.Item>
          ))}
        </CheckList>
      </div>
    </Popup>
  );
}
