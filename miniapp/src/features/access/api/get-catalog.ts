import { catalogSchema, type Catalog } from '@dingops/shared/access';
import { apiRequest } from '../../../lib/api-client';

/** GET /access/catalog: every system with the roles one may ask for (everyone). */
export function getCatalog({ signal }: { signal?: AbortSignal } = {}): Promise<Catalog> {
  return apiRequest('/access/catalog', { schema: catalogSchema, signal });
}
