import { externalRequest } from '../../../lib/api-client';
import { sandboxPeopleSchema, type SandboxPerson } from './sandbox-people';

/** GET {sandbox}/people: the demo company's people, for the "log in as" picker. */
export async function listSandboxPeople({ sandboxApiUrl, signal }: { sandboxApiUrl: string; signal?: AbortSignal }): Promise<SandboxPerson[]> {
  const { people } = await externalRequest(`${sandboxApiUrl.replace(/\/+$/, '')}/people`, {
    schema: sandboxPeopleSchema,
    silent: true,
    signal,
  });
  return people;
}
