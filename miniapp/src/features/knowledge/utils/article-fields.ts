import { createArticleBodySchema, type Article, type CreateArticleBody } from '@dingops/shared/knowledge';
import type { Problem } from '@dingops/shared/problem';
import type { MessageKey } from '../../../lib/i18n';

export type ArticleDraft = { title: string; symptom: string; cause: string; resolution: string; category: string | null; tags: string };
export type ArticleField = 'title' | 'symptom' | 'cause' | 'resolution' | 'category' | 'tags';
export type ArticleFieldErrors = Partial<Record<ArticleField, MessageKey>>;

const fields: readonly ArticleField[] = ['title', 'symptom', 'cause', 'resolution', 'category', 'tags'];
const messages: Record<ArticleField, MessageKey> = {
  title: 'knowledge.invalid.title',
  symptom: 'knowledge.invalid.symptom',
  cause: 'knowledge.invalid.cause',
  resolution: 'knowledge.invalid.resolution',
  category: 'knowledge.invalid.category',
  tags: 'knowledge.invalid.tags',
};

export const emptyDraft: ArticleDraft = { title: '', symptom: '', cause: '', resolution: '', category: null, tags: '' };

export function draftOf(article: Article): ArticleDraft {
  const { title, symptom, cause, resolution, category, tags } = article;
  return { title, symptom, cause: cause ?? '', resolution, category, tags: tags.join(' ') };
}

/** Tags are typed in one line, split on spaces and commas (either width); duplicates dropped. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(/[\s,，、]+/).filter(Boolean))];
}

function isArticleField(value: string): value is ArticleField {
  return (fields as readonly string[]).includes(value);
}

/** The request body, or the fields the shared schema rejects (the server checks the same schema). */
export function checkDraft(draft: ArticleDraft): { body: CreateArticleBody; errors: null } | { body: null; errors: ArticleFieldErrors } {
  const candidate = {
    title: draft.title,
    symptom: draft.symptom,
    cause: draft.cause.trim() ? draft.cause : null,
    resolution: draft.resolution,
    category: draft.category ?? '',
    tags: parseTags(draft.tags),
  };
  const parsed = createArticleBodySchema.safeParse(candidate);
  if (parsed.success) return { body: parsed.data, errors: null };
  const errors: ArticleFieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (isArticleField(field)) errors[field] ??= messages[field];
  }
  return { body: null, errors };
}

/** A 400's problem+json `errors` (paths like `body.title`) as messages under the fields they name. */
export function fieldErrorsFromProblem(problem: Problem | null): ArticleFieldErrors {
  const errors: ArticleFieldErrors = {};
  for (const { path } of problem?.errors ?? []) {
    const field = path.replace(/^body\./, '').split('.')[0] ?? '';
    if (isArticleField(field)) errors[field] ??= messages[field];
  }
  return errors;
}
