import { ticketStatusSchema, type Level } from '@dingops/shared/tickets';
import { Button, Dropdown, Tabs } from 'antd-mobile';
import { lazy, Suspense, useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import type { TicketFilters } from '../api/list-tickets';
import { useTicketCategories } from '../hooks/use-ticket-categories';
import { allCategoryCodes, qualifiedCategoryName } from '../utils/category-tree';
import { queueViews, type QueueView } from '../utils/queue-search';
import { FilterOptions } from './filter-options';
import styles from './queue-filters.module.css';
import { categoryName } from '../utils/category-name';

// The people picker loads when first opened.
const ItPersonSheet = lazy(async () => ({ default: (await import('./it-person-sheet')).ItPersonSheet }));

const levelOptions = ['1', '2', '3'] as const;
type FilterKey = 'level' | 'status' | 'category';

type QueueFiltersProps = {
  view: QueueView;
  filters: TicketFilters;
  onViewChange: (view: QueueView) => void;
  onFiltersChange: (filters: TicketFilters) => void;
  onRefresh: () => void;
  onExport: () => void;
  exporting: boolean;
};

/** The queue's tabs (未认领 / 我负责的 / 全部), its filters (level, status, category, overdue, assignee) and CSV export. */
export function QueueFilters({ view, filters, onViewChange, onFiltersChange, onRefresh, onExport, exporting }: QueueFiltersProps) {
  const { t } = useI18n();
  const { groups } = useTicketCategories();
  const [open, setOpen] = useState<string | null>(null);
  const [pickingAssignee, setPickingAssignee] = useState(false);
  // The picked person's name, for the chip; after a reload the chip says only that one is chosen.
  const [assigneeName, setAssigneeName] = useState<{ id: string; name: string } | null>(null);
  const chosenName = filters.assigneeId ? (assigneeName?.id === filters.assigneeId ? assigneeName.name : t('tickets.more.assigneeChosen')) : null;
  const set = (patch: Partial<TicketFilters>) => {
    setOpen(null);
    onFiltersChange({ ...filters, ...patch });
  };
  const title = (key: FilterKey, chosen: string | undefined) => chosen ?? t(`tickets.filter.${key}`);

  return (
    <div className={styles.bar}>
      <Tabs className={styles.tabs} activeKey={view} onChange={(key) => onViewChange(queueViews.find((option) => option === key) ?? 'unassigned')}>
        {queueViews.map((option) => (
          <Tabs.Tab key={option} title={<span data-testid={`queue-view-${option}`}>{t(`tickets.view.${option}`)}</span>} />
        ))}
      </Tabs>
      <div className={styles.row}>
        <Dropdown className={styles.dropdown} activeKey={open} onChange={setOpen}>
          <Dropdown.Item key="level" title={title('level', filters.level ? t(`ticket.level.${filters.level}`) : undefined)} highlight={Boolean(filters.level)}>
            <FilterOptions
              options={levelOptions}
              value={filters.level ? (String(filters.level) as (typeof levelOptions)[number]) : undefined}
              labelOf={(level) => t(`ticket.level.${level}`)}
              onPick={(level) => set({ level: level ? (Number(level) as Level) : undefined })}
              testIdPrefix="queue-filter-level"
            />
          </Dropdown.Item>
          <Dropdown.Item key="status" title={title('status', filters.status ? t(`ticket.status.${filters.status}`) : undefined)} highlight={Boolean(filters.status)}>
            <FilterOptions
              options={ticketStatusSchema.options}
              value={filters.status}
              labelOf={(status) => t(`ticket.status.${status}`)}
              onPick={(status) => set({ status })}
              testIdPrefix="queue-filter-status"
            />
          </Dropdown.Item>
          <Dropdown.Item key="category" title={title('category', filters.category ? categoryName(filters.category) : undefined)} highlight={Boolean(filters.category)}>
            <FilterOptions
              options={allCategoryCodes(groups)}
              value={filters.category}
              labelOf={(category) => qualifiedCategoryName(category, groups, categoryName)}
              onPick={(category) => set({ category })}
              testIdPrefix="queue-filter-category"
            />
          </Dropdown.Item>
        </Dropdown>
        <button type="button" className={styles.chip} aria-pressed={Boolean(filters.overdue)} onClick={() => set({ overdue: filters.overdue ? undefined : true })} data-testid="queue-filter-overdue">
          {t('tickets.filter.overdue')}
        </button>
        <Button className={styles.refresh} size="small" fill="none" color="primary" onClick={onRefresh} data-testid="queue-refresh">
          {t('tickets.refresh')}
        </Button>
      </div>
      <div className={`${styles.row} ${styles.extra}`}>
        <button
          type="button"
          className={`${styles.chip} ${styles.person}`}
          aria-pressed={Boolean(filters.assigneeId)}
          onClick={() => setPickingAssignee(true)}
          data-testid="queue-filter-assignee"
        >
          {chosenName ? t('tickets.more.assigneeFilterChosen', { name: chosenName }) : t('tickets.more.assigneeFilter')}
        </button>
        <Button className={styles.export} size="small" fill="none" color="primary" loading={exporting} onClick={onExport} data-testid="queue-export">
          {t('tickets.more.exportCsv')}
        </Button>
      </div>
      <Suspense fallback={null}>
        {pickingAssignee ? (
          <ItPersonSheet
            title={t('tickets.more.assigneeFilter')}
            currentId={filters.assigneeId ?? null}
            allowAnyone
            onPick={(person) => {
              setPickingAssignee(false);
              setAssigneeName(person && { id: person.id, name: person.name });
              set({ assigneeId: person?.id });
            }}
            onClose={() => setPickingAssignee(false)}
            testId="queue-assignee-sheet"
          />
        ) : null}
      </Suspense>
    </div>
  );
}
