import type { AccessRole, ReviewItem } from '@dingops/shared/access';
import { describe, expect, it } from 'vitest';
import { fromDateInput, toDateInput } from './format';
import { checkRequestDraft, type RequestDraft } from './request-draft';
import { bulkKeepCandidates, groupByPerson } from './review-items';

const vpnUser: AccessRole = { id: 7, name: 'VPN 用户', risk: 'low', maxDays: 90, description: null };
const draft: RequestDraft = { systemId: 1, role: vpnUser, days: 30, reason: '出差需要', forTeam: false, forUserId: '', extendsGrantId: null };

function item(patch: Partial<ReviewItem>): ReviewItem {
  return { id: 1, grantId: 1, userId: 'yq-zhangwei', userName: '张伟', systemName: 'VPN', roleName: 'VPN 用户', risk: 'low', endsAt: '2027-01-01T00:00:00.000Z', reviewerId: 'yq-liuyang', decision: null, comment: null, decidedAt: null, ...patch };
}

describe('the access request form', () => {
  it('S2: refuses no role, days above the role’s longest, a one-letter reason, and "for a team member" without whom', () => {
    expect(checkRequestDraft({ ...draft, role: null })).toEqual({ fields: ['roleId'] });
    expect(checkRequestDraft({ ...draft, days: 91 })).toEqual({ fields: ['days'] });
    expect(checkRequestDraft({ ...draft, days: 0 })).toEqual({ fields: ['days'] });
    expect(checkRequestDraft({ ...draft, reason: ' 要 ' })).toEqual({ fields: ['reason'] });
    expect(checkRequestDraft({ ...draft, forTeam: true, forUserId: '  ' })).toEqual({ fields: ['forUserId'] });
  });

  it('sends the role, days and trimmed reason; the team member and the extended grant only when given', () => {
    expect(checkRequestDraft({ ...draft, days: 90, reason: ' 出差需要 ' })).toEqual({ body: { roleId: 7, days: 90, reason: '出差需要' } });
    expect(checkRequestDraft({ ...draft, forTeam: true, forUserId: ' yq-huangli ', extendsGrantId: 12 })).toEqual({ body: { roleId: 7, days: 30, reason: '出差需要', forUserId: 'yq-huangli', extendsGrantId: 12 } });
  });
});

describe('the review page', () => {
  it('S2: 全部保留 never includes high-risk items, decided items or another reviewer’s items', () => {
    const items = [item({ id: 1 }), item({ id: 2, risk: 'medium' }), item({ id: 3, risk: 'high' }), item({ id: 4, decision: 'revoke' }), item({ id: 5, reviewerId: 'yq-heming' })];
    expect(bulkKeepCandidates(items, 'yq-liuyang').map((each) => each.id)).toEqual([1, 2]);
  });

  it('groups items by the person who holds them', () => {
    const groups = groupByPerson([item({ id: 1, userId: 'yq-wuqiang', userName: '吴强' }), item({ id: 2 }), item({ id: 3, systemName: 'CRM' })]);
    expect(groups.map((group) => [group.userId, group.items.map((each) => each.id)])).toEqual([
      ['yq-wuqiang', [1]],
      ['yq-zhangwei', [3, 2]],
    ]);
  });
});

describe('date inputs', () => {
  it('reads a local day as an instant, the end of day when asked, and refuses anything else', () => {
    const start = new Date(fromDateInput('2026-12-06')!);
    expect(toDateInput(start)).toBe('2026-12-06');
    expect(new Date(fromDateInput('2026-12-06', { endOfDay: true })!).getTime() - start.getTime()).toBe(86_400_000);
    expect(fromDateInput('06/12/2026')).toBeNull();
    expect(fromDateInput('')).toBeNull();
  });
});
