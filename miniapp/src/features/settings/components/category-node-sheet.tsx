import type { TicketCategoryNode } from '@dingops/shared/tickets';
import { Button, Dialog, Input, List, Popup, Toast } from 'antd-mobile';
import { useState, type ReactNode } from 'react';
import { ApiError, describeApiError } from '../../../lib/api-client';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { putCategory } from '../api/put-category';
import { categoryErrorsFromProblem, checkCategoryDraft, type CategoryDraft, type CategoryField, type CategoryFieldErrors } from '../utils/category-fields';
import { nextSortOrder, nodeName } from '../utils/category-tree';
import sheet from '../../../components/bottom-sheet.module.css';
import styles from './category-node-sheet.module.css';

export type NodeSheetTarget = { mode: 'create'; parent: TicketCategoryNode | null; siblings: TicketCategoryNode[] } | { mode: 'edit'; node: TicketCategoryNode };

type CategoryNodeSheetProps = { target: NodeSheetTarget | null; allCodes: readonly string[]; onClose: () => void; onSaved: () => void };

function initialDraft(target: NodeSheetTarget): CategoryDraft {
  if (target.mode === 'edit') {
    const { code, name, sortOrder } = target.node;
    return { code, nameZh: name.zh, nameEn: name.en, sortOrder: String(sortOrder) };
  }
  return { code: '', nameZh: '', nameEn: '', sortOrder: String(nextSortOrder(target.siblings)) };
}

/** Add a category (code fixed for good once saved) or rename, reorder, deactivate and reactivate one. */
export function CategoryNodeSheet({ target, allCodes, onClose, onSaved }: CategoryNodeSheetProps) {
  return (
    <Popup visible={target !== null} onMaskClick={onClose} onClose={onClose} bodyClassName={sheet.sheet} destroyOnClose>
      {target ? <NodeForm key={target.mode === 'edit' ? target.node.code : 'new'} target={target} allCodes={allCodes} onClose={onClose} onSaved={onSaved} /> : null}
    </Popup>
  );
}

function NodeForm({ target, allCodes, onClose, onSaved }: { target: NodeSheetTarget; allCodes: readonly string[]; onClose: () => void; onSaved: () => void }) {
  const { t, locale } = useI18n();
  const [draft, setDraft] = useState<CategoryDraft>(() => initialDraft(target));
  const [errors, setErrors] = useState<CategoryFieldErrors>({});
  const [saving, setSaving] = useState(false);
  const creating = target.mode === 'create';
  const parentCode = creating ? (target.parent?.code ?? null) : target.node.parentCode;
  const active = creating ? true : target.node.active;

  const change = (field: CategoryField, value: string) => {
    setDraft((previous) => ({ ...previous, [field]: value }));
    setErrors((previous) => ({ ...previous, [field]: undefined }));
  };

  const save = async (nextActive: boolean) => {
    const checked = checkCategoryDraft(draft, { parentCode, active: nextActive, takenCodes: creating ? allCodes : [] });
    if (checked.errors) {
      setErrors(checked.errors);
      return;
    }
    const { code, ...body } = checked.node;
    setSaving(true);
    try {
      await putCategory(code, body);
      onSaved();
    } catch (error) {
      const { errors: mapped, other } = error instanceof ApiError && error.status === 400 ? categoryErrorsFromProblem(error.problem) : { errors: {}, other: [] };
      if (Object.keys(mapped).length > 0) setErrors(mapped);
      else Toast.show({ content: other[0] ?? (error instanceof ApiError ? describeApiError(error) : t('error.server')) });
    } finally {
      setSaving(false);
    }
  };

  const toggleActive = async () => {
    const confirmed = await Dialog.confirm({
      content: active ? t('settings.deactivateConfirm', { name: draft.nameZh }) : t('settings.reactivateConfirm', { name: draft.nameZh }),
      confirmText: active ? t('settings.deactivate') : t('settings.reactivate'),
      cancelText: t('common.cancel'),
    });
    if (confirmed) await save(!active);
  };

  const title = creating ? (target.parent ? t('settings.addChildTo', { name: nodeName(target.parent, locale) }) : t('settings.addRoot')) : t('settings.editCategory');
  return (
    <form
      className={sheet.body}
      data-testid="category-sheet"
      onSubmit={(event) => {
        event.preventDefault();
        void save(active);
      }}
    >
      <h2 className={sheet.title}>{title}</h2>
      <List className={styles.fields}>
        <Field field="code" label={t('settings.code')} error={errors.code} hint={creating ? t('settings.codeHint') : null}>
          <Input value={draft.code} onChange={(value) => change('code', value)} readOnly={!creating} placeholder="paper_jam" maxLength={40} autoComplete="off" aria-label={t('settings.code')} data-testid="category-code" />
        </Field>
        <Field field="nameZh" label={t('settings.nameZh')} error={errors.nameZh}>
          <Input value={draft.nameZh} onChange={(value) => change('nameZh', value)} maxLength={40} placeholder="卡纸" aria-label={t('settings.nameZh')} data-testid="category-name-zh" />
        </Field>
        <Field field="nameEn" label={t('settings.nameEn')} error={errors.nameEn}>
          <Input value={draft.nameEn} onChange={(value) => change('nameEn', value)} maxLength={60} placeholder="Paper jam" aria-label={t('settings.nameEn')} data-testid="category-name-en" />
        </Field>
        <Field field="sortOrder" label={t('settings.sortOrder')} error={errors.sortOrder} hint={t('settings.sortOrderHint')}>
          <Input value={draft.sortOrder} onChange={(value) => change('sortOrder', value)} type="number" inputMode="numeric" aria-label={t('settings.sortOrder')} data-testid="category-sort-order" />
        </Field>
      </List>
      <div className={styles.actions}>
        {creating ? (
          <Button className={styles.button} onClick={onClose} disabled={saving}>
            {t('common.cancel')}
          </Button>
        ) : (
          <Button className={styles.button} color={active ? 'danger' : 'success'} fill="outline" disabled={saving} onClick={() => void toggleActive()} data-testid="category-toggle-active">
            {active ? t('settings.deactivate') : t('settings.reactivate')}
          </Button>
        )}
        <Button className={styles.button} color="primary" type="submit" loading={saving} data-testid="category-save">
          {t('settings.save')}
        </Button>
      </div>
    </form>
  );
}

type FieldProps = { field: CategoryField; label: string; error: MessageKey | undefined; hint?: string | null; children: ReactNode };

function Field({ field, label, error, hint, children }: FieldProps) {
  const { t } = useI18n();
  const description = error ? (
    <span className={styles.error} role="alert" data-testid={`category-error-${field}`}>
      {t(error)}
    </span>
  ) : (
    hint
  );
  return (
    <List.Item title={label} description={description}>
      {children}
    </List.Item>
  );
}
