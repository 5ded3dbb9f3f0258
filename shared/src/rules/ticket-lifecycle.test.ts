import { describe, expect, it } from 'vitest';
import { allowedActions, nextStatus, raiseForAffected, suggestLevel } from './ticket-lifecycle';

describe('ticket lifecycle (DESIGN "Ticket lifecycle", rules F4–F6)', () => {
  it('F4/F5: the normal path runs reported → accepted → diagnosing → resolved → closed', () => {
    expect(nextStatus('reported', 'accept')).toBe('accepted');
    expect(nextStatus('accepted', 'diagnose')).toBe('diagnosing');
    expect(nextStatus('diagnosing', 'resolve')).toBe('resolved');
    expect(nextStatus('resolved', 'confirm')).toBe('closed');
  });

  it('a resolved ticket can be reopened and worked again; closed and cancelled are final', () => {
    expect(nextStatus('resolved', 'reopen')).toBe('reopened');
    expect(nextStatus('reopened', 'accept')).toBe('accepted');
    for (const action of ['accept', 'diagnose', 'resolve', 'confirm', 'reopen', 'close', 'cancel'] as const) {
      expect(nextStatus('closed', action)).toBeNull();
      expect(nextStatus('cancelled', action)).toBeNull();
    }
  });

  it('illegal steps are refused', () => {
    expect(nextStatus('reported', 'resolve')).toBeNull();
    expect(nextStatus('reported', 'confirm')).toBeNull();
    expect(nextStatus('diagnosing', 'accept')).toBeNull();
  });

  it('IT works the ticket; the reporter confirms, reopens or withdraws it', () => {
    expect(allowedActions({ status: 'reported', isIt: true, isReporter: false })).toEqual(['accept', 'cancel']);
    expect(allowedActions({ status: 'reported', isIt: false, isReporter: true })).toEqual(['cancel']);
    expect(allowedActions({ status: 'resolved', isIt: false, isReporter: true })).toEqual(['confirm', 'reopen']);
    expect(allowedActions({ status: 'resolved', isIt: true, isReporter: false })).toEqual(['close']);
    expect(allowedActions({ status: 'diagnosing', isIt: false, isReporter: false })).toEqual([]);
  });

  it('F2: the suggested level grows with impact and urgency', () => {
    expect(suggestLevel({ impact: 'self', urgency: 'low' })).toBe(3);
    expect(suggestLevel({ impact: 'team', urgency: 'medium' })).toBe(2);
    expect(suggestLevel({ impact: 'department', urgency: 'high' })).toBe(1);
    expect(suggestLevel({ impact: 'company', urgency: 'medium' })).toBe(1);
  });

  it('F4: IT staff who do not hold a ticket may not diagnose or resolve it', () => {
    expect(allowedActions({ status: 'accepted', isIt: true, isReporter: false, worksIt: false })).toEqual(['cancel']);
    expect(allowedActions({ status: 'accepted', isIt: true, isReporter: false, worksIt: true })).toEqual(['diagnose', 'resolve', 'cancel']);
  });

  it('F3: five people with the same fault make it at least department-wide, and the level follows', () => {
    expect(raiseForAffected({ impact: 'team', urgency: 'medium', level: 2, affectedCount: 4 })).toEqual({ impact: 'team', level: 2 });
    expect(raiseForAffected({ impact: 'team', urgency: 'high', level: 2, affectedCount: 5 })).toEqual({ impact: 'department', level: 1 });
    expect(raiseForAffected({ impact: 'self', urgency: 'low', level: 3, affectedCount: 6 })).toEqual({ impact: 'department', level: 2 });
    expect(raiseForAffected({ impact: 'company', urgency: 'low', level: 2, affectedCount: 9 })).toEqual({ impact: 'company', level: 2 });
  });
});
