import { describe, expect, it } from 'vitest';
import { decideRegistration, maskMobile, type RegistrationPolicy } from './registration.rules';

const live: RegistrationPolicy = { mode: 'live', autoActivateDepartmentIds: [581208002], adminUserIds: ['boss-it'], demoUserIds: [] };
const sandbox: RegistrationPolicy = { mode: 'sandbox', autoActivateDepartmentIds: [], adminUserIds: [], demoUserIds: ['yq-zhangwei'] };
const sales = [{ id: 581208004 }];

describe('decideRegistration', () => {
  it('S1: live, a newcomer in an ordinary department waits for IT review', () => {
    expect(decideRegistration(live, { userId: 'u-new', departments: sales })).toEqual({ status: 'pending', because: 'review_required' });
  });

  it('S1: live, a person in an auto-activate department is active at once, whichever of their departments it is', () => {
    expect(decideRegistration(live, { userId: 'u-it', departments: [...sales, { id: 581208002 }] })).toEqual({ status: 'active', because: 'auto_activate_department' });
  });

  it('S1: an ADMIN_USER_IDS person is active at once, in any department', () => {
    expect(decideRegistration(live, { userId: 'boss-it', departments: sales })).toEqual({ status: 'active', because: 'admin_user_id' });
  });

  it('S1: a person without any department waits for review', () => {
    expect(decideRegistration(live, { userId: 'u-none', departments: [] }).status).toBe('pending');
  });

  it('sandbox: the demo people are active; someone added later through the sandbox is not a demo person and waits', () => {
    expect(decideRegistration(sandbox, { userId: 'yq-zhangwei', departments: sales }).status).toBe('active');
    expect(decideRegistration(sandbox, { userId: '184919295227658120', departments: sales })).toEqual({ status: 'pending', because: 'review_required' });
  });

  it('live: a demo id means nothing outside the sandbox', () => {
    expect(decideRegistration({ ...live, demoUserIds: ['yq-zhangwei'] }, { userId: 'yq-zhangwei', departments: sales }).status).toBe('pending');
  });
});

describe('maskMobile', () => {
  it('P4: hides the middle of a mobile number', () => {
    expect(maskMobile('13812345678')).toBe('138****5678');
    expect(maskMobile('+86 13812345678')).toBe('+86****5678');
  });

  it('keeps nothing of a number too short to mask, and null stays null', () => {
    expect(maskMobile('12345')).toBe('*****');
    expect(maskMobile(null)).toBeNull();
  });
});
