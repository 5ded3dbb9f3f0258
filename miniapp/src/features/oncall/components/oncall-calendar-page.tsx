import type { Schedule } from '@dingops/shared/oncall';
import { Button, ErrorBlock, List, Selector, Tag } from 'antd-mobile';
import { useState } from 'react';
import { describeApiError } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { useOncallCalendar } from '../hooks/use-oncall-calendar';
import { beijingShort, calendarDays, type CalendarDay } from '../utils/calendar-days';
import { OverrideList } from './override-list';
import { OverrideSheet } from './override-sheet';
import styles from './oncall.module.css';
import { PageLoadFailed, PageLoading } from '../../../components/load-states';

/** 值班表: who is primary and secondary each day this week and next; IT admins add and remove overrides. */
export function OncallCalendarPage({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const [scheduleId, setScheduleId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const { state, reload } = useOncallCalendar(scheduleId);

  if (state.status === 'loading') return <PageLoading />;
  if (state.status === 'failed') return <PageLoadFailed description={state.error ? describeApiError(state.error) : null} onRetry={reload} />;
  const { schedules, schedule, shifts, from, to } = state.value;
  if (!schedule) return <ErrorBlock status="empty" title={t('oncall.noSchedules')} description={t('oncall.noSchedulesHint')} data-testid="oncall-empty" />;

  const days = calendarDays({ shifts, from, to, now: new Date() });
  return (
    <div data-testid="oncall-calendar">
      {schedules.length > 1 ? <ScheduleChooser schedules={schedules} chosen={schedule.id} onChoose={setScheduleId} /> : null}
      <List header={t('oncall.thisWeek')} className={styles.group}>
        {days.slice(0, 7).map((day) => (
          <DayRow key={day.date} day={day} />
        ))}
      </List>
      <List header={t('oncall.nextWeek')} className={styles.group}>
        {days.slice(7).map((day) => (
          <DayRow key={day.date} day={day} />
        ))}
      </List>
      <OverrideList schedule={schedule} canEdit={canEdit} onChanged={reload} />
      {canEdit ? (
        <div className={styles.actions}>
          <Button block color="primary" size="large" onClick={() => setAdding(true)} data-testid="oncall-add-override">
            {t('oncall.addOverride')}
          </Button>
        </div>
      ) : null}
      <OverrideSheet
        schedule={adding ? schedule : null}
        onClose={() => setAdding(false)}
        onSaved={() => {
          setAdding(false);
          reload();
        }}
      />
      <p className={`${styles.meta} ${styles.actions}`}>{t('oncall.timeZoneHint', { from: beijingShort(from.toISOString()), to: beijingShort(to.toISOString()) })}</p>
    </div>
  );
}

function ScheduleChooser({ schedules, chosen, onChoose }: { schedules: Schedule[]; chosen: string; onChoose: (id: string) => void }) {
  return (
    <div className={styles.actions}>
      <Selector
        columns={2}
        value={[chosen]}
        onChange={(values) => {
          if (values[0]) onChoose(values[0]);
        }}
        options={schedules.map((item) => ({ label: item.name, value: item.id }))}
      />
    </div>
  );
}

function DayRow({ day }: { day: CalendarDay }) {
  const { t } = useI18n();
  const title = (
    <span className={day.isToday ? `${styles.day} ${styles.today}` : styles.day}>
      {day.date.slice(5)} {t(`oncall.weekday.${day.weekday}` as 'oncall.weekday.0')}
      {day.isToday ? ` · ${t('oncall.today')}` : ''}
    </span>
  );
  return (
    <List.Item title={title} data-testid={`oncall-day-${day.date}`}>
      {day.entries.length === 0 ? <span className={styles.meta}>{t('oncall.nobody')}</span> : null}
      {day.entries.map((entry) => (
        <div key={entry.startsAt} className={styles.entry}>
          <span className={styles.people}>{entry.primary?.name ?? t('oncall.nobody')}</span>
          {entry.secondary ? <span className={styles.secondary}>{t('oncall.secondaryIs', { name: entry.secondary.name })}</span> : null}
          {entry.overrideId ? (
            <Tag color="warning" fill="outline" className={styles.overrideTag} data-testid="oncall-override-tag">
              {t('oncall.override')}
            </Tag>
          ) : null}
          {entry.fromTime || entry.toTime ? (
            <div className={styles.meta}>
              {entry.fromTime && entry.toTime ? `${entry.fromTime}–${entry.toTime}` : entry.fromTime ? t('oncall.fromTime', { time: entry.fromTime }) : t('oncall.untilTime', { time: entry.toTime ?? '' })}
              {entry.overrideReason ? ` · ${entry.overrideReason}` : ''}
            </div>
          ) : entry.overrideReason ? (
            <div className={styles.meta}>{entry.overrideReason}</div>
          ) : null}
        </div>
      ))}
    </List.Item>
  );
}
