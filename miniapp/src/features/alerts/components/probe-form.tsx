import { type Probe, probeBodySchema } from '@dingops/shared/probes';
import { Button, Input, List, Popup, Selector, Switch, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import sheet from '../../../components/bottom-sheet.module.css';
import { useI18n } from '../../../lib/i18n';
import { createProbe, updateProbe } from '../api/probes';
import { parseLabels } from '../utils/parse-labels';
import { problemPaths, showApiError } from '../utils/show-api-error';
import alertStyles from './alerts.module.css';
import styles from './probes.module.css';

const fields = ['name', 'target', 'expectedStatus', 'timeoutMs', 'slowMs', 'intervalSeconds', 'failuresToAlert', 'labels'] as const;
type Field = (typeof fields)[number];

interface Draft {
  name: string;
  kind: 'http' | 'tcp';
  target: string;
  method: 'GET' | 'HEAD';
  expectedStatus: string;
  timeoutMs: string;
  slowMs: string;
  intervalSeconds: string;
  failuresToAlert: string;
  labels: string;
  enabled: boolean;
}

const draftOf = (probe: Probe | null): Draft => ({
  name: probe?.name ?? '',
  kind: probe?.kind ?? 'http',
  target: probe?.target ?? '',
  method: probe?.method ?? 'GET',
  expectedStatus: probe?.expectedStatus ?? '200-399',
  timeoutMs: String(probe?.timeoutMs ?? 10_000),
  slowMs: probe?.slowMs === null || probe?.slowMs === undefined ? '' : String(probe.slowMs),
  intervalSeconds: String(probe?.intervalSeconds ?? 60),
  failuresToAlert: String(probe?.failuresToAlert ?? 2),
  labels: Object.entries(probe?.labels ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join('\n'),
  enabled: probe?.enabled ?? true,
});

/** Field paths (`labels.alertname`, `body.target`) → the form's fields. */
function erroredFields(paths: readonly string[]): Set<Field> {
  const result = new Set<Field>();
  for (const path of paths) {
    const field = path.replace(/^body\./, '').split('.')[0] as Field;
    if (fields.includes(field)) result.add(field);
  }
  return result;
}

/** 添加探测 / 编辑探测 in a bottom sheet; the shared schema checks first, the server's field errors land under the same fields. */
export function ProbeFormSheet({ open, probe, onClose, onSaved }: { open: boolean; probe: Probe | null; onClose: () => void; onSaved: (probe: Probe) => void }) {
  return (
    <Popup visible={open} onMaskClick={onClose} onClose={onClose} bodyClassName={sheet.sheet} bodyStyle={{ maxHeight: '90dvh', overflowY: 'auto' }} destroyOnClose>
      {open ? <ProbeForm probe={probe} onSaved={onSaved} /> : null}
    </Popup>
  );
}

function ProbeForm({ probe, onSaved }: { probe: Probe | null; onSaved: (probe: Probe) => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => draftOf(probe));
  const [errors, setErrors] = useState<Set<Field>>(new Set());
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof Draft>(key: K) => (value: Draft[K]) => setDraft((previous) => ({ ...previous, [key]: value }));

  const save = async () => {
    const labels = draft.labels.trim() ? parseLabels(draft.labels) : {};
    const body = {
      ...draft,
      timeoutMs: Number(draft.timeoutMs),
      slowMs: draft.slowMs.trim() === '' ? null : Number(draft.slowMs),
      intervalSeconds: Number(draft.intervalSeconds),
      failuresToAlert: Number(draft.failuresToAlert),
      labels: labels ?? { '': '' },
    };
    const checked = probeBodySchema.safeParse(body);
    if (!checked.success) {
      setErrors(erroredFields(checked.error.issues.map((issue) => issue.path.join('.'))));
      return;
    }
    setSaving(true);
    try {
      const saved = probe ? await updateProbe(probe.id, checked.data) : await createProbe(checked.data);
      Toast.show({ icon: 'success', content: t('probes.saved') });
      onSaved(saved);
    } catch (error) {
      const mapped = erroredFields(problemPaths(error));
      setErrors(mapped);
      if (mapped.size === 0) showApiError(error);
    } finally {
      setSaving(false);
    }
  };

  const errorLine = (field: Field) =>
    errors.has(field) ? (
      <span className={styles.fieldError} data-testid={`probe-error-${field}`}>
        {t(`probes.invalid.${field}`)}
      </span>
    ) : null;
  const numberItem = (field: 'timeoutMs' | 'slowMs' | 'intervalSeconds' | 'failuresToAlert', placeholder?: string) => (
    <List.Item title={t(`probes.field.${field}`)} description={errorLine(field)}>
      <Input type="number" inputMode="numeric" value={draft[field]} onChange={set(field)} placeholder={placeholder} data-testid={`probe-${field}`} />
    </List.Item>
  );

  return (
    <form
      className={sheet.body}
      data-testid="probe-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h2 className={sheet.title}>{t(probe ? 'probes.editTitle' : 'probes.newTitle')}</h2>
      <List>
        <List.Item title={t('probes.field.name')} description={errorLine('name')}>
          <Input value={draft.name} onChange={set('name')} maxLength={100} placeholder={t('probes.placeholder.name')} data-testid="probe-name" />
        </List.Item>
        <List.Item title={t('probes.field.kind')}>
          <Selector
            columns={2}
            value={[draft.kind]}
            onChange={(value) => value[0] && set('kind')(value[0])}
            options={[
              { label: t('probes.kind.http'), value: 'http' as const },
              { label: t('probes.kind.tcp'), value: 'tcp' as const },
            ]}
            data-testid="probe-kind"
          />
        </List.Item>
        <List.Item title={t('probes.field.target')} description={errorLine('target')}>
          <Input value={draft.target} onChange={set('target')} placeholder={t(draft.kind === 'http' ? 'probes.placeholder.targetHttp' : 'probes.placeholder.targetTcp')} data-testid="probe-target" />
        </List.Item>
        {draft.kind === 'http' ? (
          <>
            <List.Item title={t('probes.field.method')}>
              <Selector columns={2} value={[draft.method]} onChange={(value) => value[0] && set('method')(value[0])} options={[{ label: 'GET', value: 'GET' as const }, { label: 'HEAD', value: 'HEAD' as const }]} />
            </List.Item>
            <List.Item title={t('probes.field.expectedStatus')} description={errorLine('expectedStatus')}>
              <Input value={draft.expectedStatus} onChange={set('expectedStatus')} data-testid="probe-expectedStatus" />
            </List.Item>
          </>
        ) : null}
        {numberItem('intervalSeconds')}
        {numberItem('timeoutMs')}
        {numberItem('slowMs', t('probes.placeholder.slowMs'))}
        {numberItem('failuresToAlert')}
        <List.Item title={t('probes.field.labels')} description={errorLine('labels')}>
          <TextArea className={styles.textarea} value={draft.labels} onChange={set('labels')} autoSize={{ minRows: 2, maxRows: 6 }} placeholder={t('probes.placeholder.labels')} data-testid="probe-labels" />
        </List.Item>
        <List.Item extra={<Switch checked={draft.enabled} onChange={set('enabled')} data-testid="probe-enabled" />}>{t('probes.field.enabled')}</List.Item>
      </List>
      <div className={alertStyles.footer}>
        <Button block color="primary" size="large" type="submit" loading={saving} data-testid="probe-save">
          {t('probes.save')}
        </Button>
      </div>
    </form>
  );
}
