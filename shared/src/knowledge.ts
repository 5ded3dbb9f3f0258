import { z } from 'zod';
import { ticketCategorySchema } from './tickets';

/**
 * Knowledge articles (知识库): resolutions IT publishes so the next person with the same fault finds
 * the answer while they type their report. Search is bigram full-text (rules/bigrams.ts).
 */
export const articleStatusSchema = z.enum(['published', 'archived']);

export const articleSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** What the person sees (the symptom), in their words. */
  symptom: z.string(),
  cause: z.string().nullable(),
  /** What fixes it: the steps, for IT or for the employee. */
  resolution: z.string(),
  category: ticketCategorySchema,
  tags: z.array(z.string()),
  status: articleStatusSchema,
  sourceTicket: z.object({ id: z.string(), number: z.string() }).nullable(),
  author: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** How often it was opened; "this helped" counts for ordering ties. */
  views: z.number().int(),
  helpful: z.number().int(),
});
export type Article = z.infer<typeof articleSchema>;

const text = (max: number) => z.string().trim().min(1).max(max);

/** POST /api/v1/knowledge (IT). */
export const createArticleBodySchema = z.object({
  title: text(120),
  symptom: text(4000),
  cause: z.string().trim().max(2000).nullable().optional(),
  resolution: text(8000),
  category: ticketCategorySchema,
  tags: z.array(z.string().trim().min(1).max(20)).max(10).optional(),
  sourceTicketId: z.string().regex(/^\d{1,18}$/, 'must be a ticket id').optional(),
});
export type CreateArticleBody = z.infer<typeof createArticleBodySchema>;

/** PATCH /api/v1/knowledge/:articleId (IT): any subset; `status: 'archived'` takes it out of search. */
export const updateArticleBodySchema = createArticleBodySchema.omit({ sourceTicketId: true }).partial().extend({ status: articleStatusSchema.optional() });
export type UpdateArticleBody = z.infer<typeof updateArticleBodySchema>;

export const articleParamsSchema = z.object({ articleId: z.string().regex(/^\d{1,18}$/, 'must be an article id') });

/** GET /api/v1/knowledge: search (q) or browse (newest first); archived ones only for IT with status=archived. */
export const listArticlesQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  category: ticketCategorySchema.optional(),
  status: articleStatusSchema.default('published'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const articleSummarySchema = articleSchema.omit({ resolution: true, cause: true }).extend({
  /** A short extract of the resolution. */
  excerpt: z.string(),
  /** Relevance when searching (higher is better); null when browsing. */
  score: z.number().nullable(),
});
export type ArticleSummary = z.infer<typeof articleSummarySchema>;
export const articlePageSchema = z.object({ items: z.array(articleSummarySchema), nextCursor: z.string().nullable() });

/** GET /api/v1/knowledge/suggestions?q=…: up to `limit` articles matching a report being typed. */
export const suggestionsQuerySchema = z.object({
  q: z.string().trim().min(2).max(500),
  category: ticketCategorySchema.optional(),
  limit: z.coerce.number().int().min(1).max(10).default(5),
});
export const suggestionsSchema = z.object({ items: z.array(articleSummarySchema) });
