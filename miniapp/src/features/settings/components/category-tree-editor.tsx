import { Button, List, Toast } from 'antd-mobile';
import { useState, type CSSProperties, type MouseEvent } from 'react';
import { describeApiError } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { putCategory } from '../api/put-category';
import { useAllCategories } from '../hooks/use-all-categories';
import { flattenCategoryTree, maxCategoryDepth, nodeName, reorderSiblings, type CategoryRow } from '../utils/category-tree';
import { CategoryNodeSheet, type NodeSheetTarget } from './category-node-sheet';
import styles from './category-tree-editor.module.css';
import { PageLoadFailed, PageLoading } from '../../../components/load-states';

/** 故障分类: the tree as IT sees it in the report form, with add, rename, reorder and deactivate. */
export function CategoryTreeEditor() {
  const { t } = useI18n();
  const { state, reload } = useAllCategories();
  const [target, setTarget] = useState<NodeSheetTarget | null>(null);
  const [moving, setMoving] = useState(false);

  if (state.status === 'loading') return <PageLoading />;
  if (state.status === 'failed') return <PageLoadFailed description={state.error ? describeApiError(state.error) : null} onRetry={reload} />;

  const nodes = state.value;
  const rows = flattenCategoryTree(nodes);
  const move = async (row: CategoryRow, step: -1 | 1) => {
    const changed = reorderSiblings(row.siblings, row.node.code, step);
    if (changed.length === 0) return;
    setMoving(true);
    try {
      // One node at a time: a failure part-way leaves a valid (if half-reordered) tree, which the reload shows.
      for (const { code, ...body } of changed) await putCategory(code, body, { silent: false });
    } catch {
      // api-client has shown the toast
    } finally {
      setMoving(false);
      reload();
    }
  };
  const saved = () => {
    setTarget(null);
    Toast.show({ icon: 'success', content: t('settings.saved') });
    reload();
  };

  return (
    <div className={styles.editor} data-testid="category-editor">
      <p className={styles.hint}>{t('settings.categoriesHint')}</p>
      <List className={styles.list}>
        {rows.map((row) => (
          <CategoryRowItem key={row.node.code} row={row} busy={moving} onEdit={() => setTarget({ mode: 'edit', node: row.node })} onMove={(step) => void move(row, step)} onAddChild={() => setTarget({ mode: 'create', parent: row.node, siblings: nodes.filter((node) => node.parentCode === row.node.code) })} />
        ))}
      </List>
      <div className={styles.addRoot}>
        <Button block color="primary" fill="outline" onClick={() => setTarget({ mode: 'create', parent: null, siblings: rows.filter((row) => row.depth === 0).map((row) => row.node) })} data-testid="category-add-root">
          {t('settings.addRoot')}
        </Button>
      </div>
      <CategoryNodeSheet target={target} allCodes={nodes.map((node) => node.code)} onClose={() => setTarget(null)} onSaved={saved} />
    </div>
  );
}

type RowProps = { row: CategoryRow; busy: boolean; onEdit: () => void; onMove: (step: -1 | 1) => void; onAddChild: () => void };

function CategoryRowItem({ row, busy, onEdit, onMove, onAddChild }: RowProps) {
  const { t, locale } = useI18n();
  const { node, depth, siblings } = row;
  const index = siblings.findIndex((sibling) => sibling.code === node.code);
  const otherName = locale === 'en' ? node.name.zh : node.name.en;
  // The buttons sit inside the row, whose own click opens the editor.
  const act = (event: MouseEvent, action: () => void) => {
    event.stopPropagation();
    action();
  };
  return (
    <List.Item
      className={depth > 0 ? styles.child : styles.root}
      style={{ '--depth': depth } as CSSProperties}
      onClick={onEdit}
      arrowIcon={false}
      data-testid={`category-row-${node.code}`}
      data-active={node.active}
      description={
        <span className={styles.meta}>
          <span>{otherName}</span>
          <code className={styles.code}>{node.code}</code>
          {node.active ? null : <span className={styles.inactive}>{t('settings.inactive')}</span>}
        </span>
      }
      extra={
        <span className={styles.actions}>
          <button type="button" className={styles.iconButton} disabled={busy || index <= 0} onClick={(event) => act(event, () => onMove(-1))} aria-label={t('settings.moveUp', { name: nodeName(node, locale) })} data-testid={`category-up-${node.code}`}>
            ↑
          </button>
          <button type="button" className={styles.iconButton} disabled={busy || index >= siblings.length - 1} onClick={(event) => act(event, () => onMove(1))} aria-label={t('settings.moveDown', { name: nodeName(node, locale) })} data-testid={`category-down-${node.code}`}>
            ↓
          </button>
          {depth + 1 < maxCategoryDepth && node.active ? (
            <button type="button" className={styles.textButton} onClick={(event) => act(event, onAddChild)} data-testid={`category-add-child-${node.code}`}>
              {t('settings.addChild')}
            </button>
          ) : null}
        </span>
      }
    >
      <span className={node.active ? styles.name : `${styles.name} ${styles.nameInactive}`}>{nodeName(node, locale)}</span>
    </List.Item>
  );
}
