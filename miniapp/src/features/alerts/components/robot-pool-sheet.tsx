import { poolRobotBodySchema } from '@dingops/shared/alert-robot-pool';
import { Button, Input, List, Popup, Toast } from 'antd-mobile';
import { useState } from 'react';
import sheet from '../../../components/bottom-sheet.module.css';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { addPoolRobot } from '../api/robot-pool';
import { problemPaths, showApiError } from '../utils/show-api-error';
import styles from './alerts.module.css';

const fields = ['name', 'webhookUrl', 'secret'] as const;
type Field = (typeof fields)[number];
const fieldsOf = (paths: readonly string[]) => new Set(paths.map((path) => path.split('.')[0]).filter((field): field is Field => fields.includes(field as Field)));

/** 添加机器人: a custom robot's name, webhook and signing secret; the last two are never shown again. */
export function RobotPoolSheet({ conversationId, onClose, onSaved }: { conversationId: string | null; onClose: () => void; onSaved: () => void }) {
  return (
    <Popup visible={conversationId !== null} onMaskClick={onClose} onClose={onClose} bodyClassName={sheet.sheet} destroyOnClose>
      {conversationId ? <RobotForm conversationId={conversationId} onSaved={onSaved} /> : null}
    </Popup>
  );
}

function RobotForm({ conversationId, onSaved }: { conversationId: string; onSaved: () => void }) {
  const { t } = useI18n();
  const [values, setValues] = useState({ name: '', webhookUrl: '', secret: '' });
  const [errors, setErrors] = useState<Set<Field>>(new Set());
  const [saving, setSaving] = useState(false);
  const edit = (field: Field) => (value: string) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    setErrors((previous) => new Set([...previous].filter((other) => other !== field)));
  };

  const save = async () => {
    const checked = poolRobotBodySchema.safeParse({ ...values, secret: values.secret.trim() || null });
    if (!checked.success) {
      setErrors(fieldsOf(checked.error.issues.map((issue) => issue.path.join('.'))));
      return;
    }
    setSaving(true);
    try {
      await addPoolRobot(conversationId, checked.data);
      Toast.show({ icon: 'success', content: t('robotPool.added') });
      onSaved();
    } catch (error) {
      const mapped = fieldsOf(problemPaths(error));
      setErrors(mapped);
      if (mapped.size === 0) showApiError(error);
    } finally {
      setSaving(false);
    }
  };

  const item = (field: Field, input: { placeholder: string; type?: string }) => (
    <List.Item
      title={t(`robotPool.field.${field}` as MessageKey)}
      description={
        errors.has(field) ? (
          <span className={styles.error} data-testid={`robot-pool-error-${field}`}>
            {t(`robotPool.invalid.${field}` as MessageKey)}
          </span>
        ) : null
      }
    >
      <Input value={values[field]} onChange={edit(field)} placeholder={input.placeholder} type={input.type ?? 'text'} autoComplete="off" data-testid={`robot-pool-${field}`} />
    </List.Item>
  );

  return (
    <form
      className={sheet.body}
      data-testid="robot-pool-sheet"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h2 className={sheet.title}>{t('robotPool.add')}</h2>
      <List>
        {item('name', { placeholder: t('robotPool.placeholder.name') })}
        {item('webhookUrl', { placeholder: 'https://oapi.dingtalk.com/robot/send?access_token=…' })}
        {item('secret', { placeholder: t('robotPool.placeholder.secret'), type: 'password' })}
      </List>
      <p className={styles.meta}>{t('robotPool.secretHint')}</p>
      <Button block color="primary" type="submit" loading={saving} data-testid="robot-pool-save">
        {t('robotPool.save')}
      </Button>
    </form>
  );
}
