import type { EscalationPolicy, OnCallPerson } from '@dingops/shared/oncall';
import type { IdentityService } from '../../../platform/identity/identity.service';
import type { OncallContract } from '../../oncall';


/** Who escalation can reach for one group, looked up before its transaction (PGlite has one connection). */
export interface Crowd {
  primary: OnCallPerson[];
  secondary: OnCallPerson[];
  leads: OnCallPerson[];
  /** Every active IT staff member and admin: whom the fallback @s when no step of the policy reaches anyone. */
  it: OnCallPerson[];
}

/** Without an on-call module: page the on-call at once, the IT leads after 5 minutes, the leadership group after 15. */
export const fallbackPolicy: EscalationPolicy = {
  id: 'default',
  name: '默认升级策略',
  steps: [
    { afterMinutes: 0, notify: ['oncall_primary'] },
    { afterMinutes: 5, notify: ['it_leads'] },
    { afterMinutes: 15, notify: ['leadership_group'] },
  ],
};

const unique = (people: OnCallPerson[]) => [...new Map(people.map((person) => [person.dingtalkUserId, person])).values()];

/**
 * Resolves people by DingTalk user id — from the on-call schedule, an `owner` label, or the IT roles —
 * never from phone numbers. Answers are cached briefly: a storm asks the same question thousands of times.
 */
export function createPeopleDirectory({ oncall, identity, cacheMs, clock }: { oncall: OncallContract | null; identity: IdentityService; cacheMs: number; clock: () => Date }) {
  const cache = new Map<string, { at: number; value: Promise<unknown> }>();
  function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = clock().getTime();
    const hit = cache.get(key);
    if (hit && now - hit.at < cacheMs) return hit.value as Promise<T>;
    const value = Promise.resolve(load());
    value.catch(() => cache.delete(key));
    cache.set(key, { at: now, value });
    return value;
  }

  async function withRole(role: 'it_staff' | 'it_admin'): Promise<OnCallPerson[]> {
    const { items } = await identity.listUsers({ role, limit: 100 });
    return items.filter((user) => user.status === 'active').map((user) => ({ userId: user.id, dingtalkUserId: user.dingtalkUserId, name: user.name }));
  }

  return {
    async crowdFor({ scheduleId, owner, at }: { scheduleId: string | null; owner: string | null; at: Date }): Promise<Crowd> {
      const ownerPerson: OnCallPerson[] = owner ? [{ userId: '', dingtalkUserId: owner, name: owner }] : [];
      const leads = await cached('leads', () => withRole('it_admin'));
      const staff = await cached('staff', () => withRole('it_staff'));
      const it = unique([...staff, ...leads]);
      if (oncall) {
        const rota = await cached(`oncall:${scheduleId ?? ''}:${Math.floor(at.getTime() / 60_000)}`, () => oncall.onCall({ scheduleId, at }));
        return { primary: unique([...rota.primary, ...ownerPerson]), secondary: rota.secondary, leads, it };
      }
      return { primary: ownerPerson.length > 0 ? ownerPerson : staff, secondary: [], leads, it };
    },

    policy(policyId: string | null): Promise<EscalationPolicy> {
      if (!oncall) return Promise.resolve(fallbackPolicy);
      return cached(`policy:${policyId ?? ''}`, () => oncall.policy(policyId).catch(() => oncall.policy(null)));
    },
  };
}

export type PeopleDirectory = ReturnType<typeof createPeopleDirectory>;
