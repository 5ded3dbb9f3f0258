import { createSourceBodySchema, webhookSourceKinds, type AlertSource } from '@dingops/shared/alerts';
import { Button, Input, List, Popup, Selector } from 'antd-mobile';
import { useState } from 'react';
import sheet from '../../../components/bottom-sheet.module.css';
import { useI18n } from '../../../lib/i18n';
import { createSource, type WebhookSourceKind } from '../api/sources';
import { useCheckedSave } from '../hooks/use-checked-save';
import styles from './alerts.module.css';

const fields = ['name', 'kind'] as const;

/** 新建监控源: a name and what kind of monitor posts; the token comes back once, to the caller. */
export function SourceSheet({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (source: AlertSource & { token: string }) => void }) {
  return (
    <Popup visible={open} onMaskClick={onClose} onClose={onClose} bodyClassName={sheet.sheet} destroyOnClose>
      {open ? <SourceForm onCreated={onCreated} /> : null}
    </Popup>
  );
}

function SourceForm({ onCreated }: { onCreated: (source: AlertSource & { token: string }) => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<WebhookSourceKind>('alertmanager');
  const { errors, saving, save, edited } = useCheckedSave({ schema: createSourceBodySchema, fields, submit: createSource, successText: t('sources.created'), onSaved: onCreated });

  return (
    <form
      className={sheet.body}
      data-testid="source-sheet"
      onSubmit={(event) => {
        event.preventDefault();
        void save({ name, kind });
      }}
    >
      <h2 className={sheet.title}>{t('sources.add')}</h2>
      <List>
        <List.Item
          title={t('sources.field.name')}
          description={
            errors.fields.has('name') ? (
              <span className={styles.error} data-testid="source-error-name">
                {t('sources.invalid.name')}
              </span>
            ) : null
          }
        >
          <Input value={name} onChange={edited('name', setName)} maxLength={100} placeholder={t('sources.placeholder.name')} data-testid="source-name" />
        </List.Item>
        <List.Item title={t('sources.field.kind')}>
          <Selector
            columns={2}
            value={[kind]}
            onChange={(value) => value[0] && setKind(value[0])}
            options={webhookSourceKinds.map((value) => ({ value, label: t(`sources.kind.${value}`) }))}
            data-testid="source-kind"
          />
        </List.Item>
      </List>
      <div className={styles.footer}>
        <Button block color="primary" size="large" type="submit" loading={saving} data-testid="source-save">
          {t('sources.save')}
        </Button>
      </div>
    </form>
  );
}
