import { defaultTicketCategoryCodes, ticketStatusSchema, type Level } from '@dingops/shared/tickets';
import { Button, Dropdown, Tabs } from 'antd-mobile';
import { useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import type { TicketFilters } from '../api/list-tickets';
import { queueViews, type QueueView } from '../utils/queue-search';
import { FilterOptions } from './filter-options';
import styles from './queue-filters.module.css';
import { categoryName } from '../utils/category-name';

const levelOptions = ['1', '2', '3'] as const;
type FilterKey = 'level' | 'status' | 'category';

type QueueFiltersProps = {
  view: QueueView;
  filters: TicketFilters;
  onViewChange: (view: QueueView) => void;
  onFiltersChange: (filters: TicketFilters) => void;
  onRefresh: () => void;
};

/** The queue's tabs (未认领 / 我负责的 / 全部) and its filters: level, status, category, overdue. */
export function QueueFilters({ view, filters, onViewChange, onFiltersChange, onRefresh }: QueueFiltersProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState<string | null>(null);
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
              options={defaultTicketCategoryCodes}
              value={filters.category}
              labelOf={(category) => categoryName(category)}
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
    </div>
  );
}
