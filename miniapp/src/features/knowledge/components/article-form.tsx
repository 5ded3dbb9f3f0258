import type { Article } from '@dingops/shared/knowledge';
import { Button, Input, List, TextArea, Toast } from 'antd-mobile';
import { useState, type ReactNode } from 'react';
import { ApiError } from '../../../lib/api-client';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { createArticle, updateArticle } from '../api/save-article';
import { useCategories } from '../hooks/use-categories';
import { checkDraft, draftOf, emptyDraft, fieldErrorsFromProblem, type ArticleDraft, type ArticleField, type ArticleFieldErrors } from '../utils/article-fields';
import { categoryLabel } from '../utils/category-tree';
import { CategorySheet } from './category-sheet';
import styles from './article-form.module.css';

type ArticleFormProps = { article: Article | null; onSaved: (article: Article) => void };

/** 新建/编辑 for IT: symptom in the reporter's words, the cause if known, the steps that fix it. */
export function ArticleForm({ article, onSaved }: ArticleFormProps) {
  const { t, locale } = useI18n();
  const categories = useCategories();
  const [draft, setDraft] = useState<ArticleDraft>(article ? draftOf(article) : emptyDraft);
  const [errors, setErrors] = useState<ArticleFieldErrors>({});
  const [picking, setPicking] = useState(false);
  const [saving, setSaving] = useState(false);

  const change = <K extends keyof ArticleDraft>(field: K, value: ArticleDraft[K]) => {
    setDraft((previous) => ({ ...previous, [field]: value }));
    setErrors((previous) => ({ ...previous, [field]: undefined }));
  };

  const submit = async () => {
    const checked = checkDraft(draft);
    if (checked.errors) {
      setErrors(checked.errors);
      return;
    }
    setSaving(true);
    try {
      const saved = article ? await updateArticle(article.id, checked.body) : await createArticle(checked.body);
      Toast.show({ icon: 'success', content: t('knowledge.saved') });
      onSaved(saved);
    } catch (error) {
      const mapped = error instanceof ApiError && error.status === 400 ? fieldErrorsFromProblem(error.problem) : {};
      if (Object.keys(mapped).length > 0) setErrors(mapped);
      else Toast.show({ content: error instanceof ApiError ? (error.problem?.detail ?? t('error.badRequest')) : t('error.server') });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className={styles.form}
      data-testid="knowledge-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <List header={t('knowledge.sectionArticle')}>
        <Field field="title" label={t('knowledge.title')} error={errors.title} required>
          <Input value={draft.title} onChange={(value) => change('title', value)} placeholder={t('knowledge.titlePlaceholder')} maxLength={120} data-testid="knowledge-form-title" aria-label={t('knowledge.title')} />
        </Field>
        <List.Item
          title={<Label text={t('knowledge.category')} required />}
          onClick={() => setPicking(true)}
          extra={draft.category ? categoryLabel(categories, draft.category, locale) : <span className={styles.placeholder}>{t('knowledge.pickCategory')}</span>}
          data-testid="knowledge-form-category"
          description={errors.category ? <FieldMessage field="category" message={errors.category} /> : null}
        />
        <Field field="symptom" label={t('knowledge.symptom')} error={errors.symptom} required>
          <TextArea value={draft.symptom} onChange={(value) => change('symptom', value)} placeholder={t('knowledge.symptomPlaceholder')} autoSize={{ minRows: 3 }} maxLength={4000} data-testid="knowledge-form-symptom" aria-label={t('knowledge.symptom')} />
        </Field>
        <Field field="cause" label={t('knowledge.cause')} error={errors.cause}>
          <TextArea value={draft.cause} onChange={(value) => change('cause', value)} placeholder={t('knowledge.causePlaceholder')} autoSize={{ minRows: 2 }} maxLength={2000} data-testid="knowledge-form-cause" aria-label={t('knowledge.cause')} />
        </Field>
        <Field field="resolution" label={t('knowledge.resolution')} error={errors.resolution} required>
          <TextArea value={draft.resolution} onChange={(value) => change('resolution', value)} placeholder={t('knowledge.resolutionPlaceholder')} autoSize={{ minRows: 4 }} maxLength={8000} data-testid="knowledge-form-resolution" aria-label={t('knowledge.resolution')} />
        </Field>
        <Field field="tags" label={t('knowledge.tags')} error={errors.tags}>
          <Input value={draft.tags} onChange={(value) => change('tags', value)} placeholder={t('knowledge.tagsPlaceholder')} data-testid="knowledge-form-tags" aria-label={t('knowledge.tags')} />
        </Field>
      </List>
      <div className={styles.submitBar}>
        <Button block color="primary" size="large" type="submit" loading={saving} data-testid="knowledge-form-submit">
          {article ? t('knowledge.save') : t('knowledge.publish')}
        </Button>
      </div>
      <CategorySheet visible={picking} nodes={categories} value={draft.category} onPick={(code) => change('category', code)} onClose={() => setPicking(false)} />
    </form>
  );
}

function Label({ text, required = false }: { text: string; required?: boolean }) {
  return <span className={required ? `${styles.label} ${styles.required}` : styles.label}>{text}</span>;
}

function FieldMessage({ field, message }: { field: ArticleField; message: MessageKey }) {
  const { t } = useI18n();
  return (
    <span id={`knowledge-error-${field}`} className={styles.error} role="alert" data-testid={`knowledge-error-${field}`}>
      {t(message)}
    </span>
  );
}

function Field({ field, label, error, required, children }: { field: ArticleField; label: string; error: MessageKey | undefined; required?: boolean; children: ReactNode }) {
  return (
    <List.Item title={<Label text={label} required={required} />} description={error ? <FieldMessage field={field} message={error} /> : null}>
      {children}
    </List.Item>
  );
}
