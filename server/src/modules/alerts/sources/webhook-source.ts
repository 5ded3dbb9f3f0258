import type { WebhookSourceKind } from '@dingops/shared/alert-sources';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { NormalizedAlert } from '../alerts.normalize';

/**
 * One kind of monitor, as the server takes its alerts: the payload it posts (validated, and
 * documented in the API), how its token comes with the request, and how a payload becomes alerts.
 * It is served at `path` (`/webhooks/<kind>` under /api/v1/alerts).
 */
export interface WebhookSource {
  kind: WebhookSourceKind;
  path: `/webhooks/${WebhookSourceKind}`;
  /** The route's one-line summary in the API document. */
  summary: string;
  payload: z.ZodType;
  /** The `Authorization: Bearer <token>` value as the monitor sends it (the service checks the token). */
  authorization(request: FastifyRequest): string | undefined;
  /** Only ever given a payload `payload` accepted. */
  normalize(payload: unknown, now: Date): NormalizedAlert[];
}

/** Every kind sends the source's token as a bearer token in the Authorization header. */
export const bearerToken = (request: FastifyRequest) => request.headers.authorization;

/** A kind's entry, its normaliser typed by its own payload schema. */
export function webhookSource<S extends z.ZodType>(entry: {
  kind: WebhookSourceKind;
  summary: string;
  payload: S;
  normalize: (payload: z.infer<S>, now: Date) => NormalizedAlert[];
  authorization?: (request: FastifyRequest) => string | undefined;
}): WebhookSource {
  const { kind, summary, payload, normalize, authorization = bearerToken } = entry;
  // The route validates the body with `payload` before it calls normalize: the body is a z.infer<S>.
  return { kind, path: `/webhooks/${kind}`, summary, payload, authorization, normalize: normalize as WebhookSource['normalize'] };
}
