import { describe, expect, it } from 'vitest';
import { approverChain, bulkKeepAllowed, decisionProblem, durationProblem, expiryReminderDue, grantEnd, quarterOf, rubberStampOf, secondsPerDecision } from './access';

const people = { holderId: 'zhang', managerId: 'liu', ownerId: 'zheng', securityLeadId: 'sun' };

describe('approver chain (rule S2: approved in DingTalk by the right people, in order)', () => {
  it('low risk: the manager only', () => {
    expect(approverChain({ ...people, risk: 'low' })).toEqual([{ userId: 'liu', step: 'manager' }]);
  });
  it('medium adds the system owner; high adds the security lead, in that order', () => {
    expect(approverChain({ ...people, risk: 'medium' }).map((a) => a.step)).toEqual(['manager', 'owner']);
    expect(approverChain({ ...people, risk: 'high' })).toEqual([
      { userId: 'liu', step: 'manager' },
      { userId: 'zheng', step: 'owner' },
      { userId: 'sun', step: 'security' },
    ]);
  });
  it('a person appears once, and never approves their own access', () => {
    expect(approverChain({ ...people, risk: 'high', ownerId: 'liu' })).toEqual([
      { userId: 'liu', step: 'manager' },
      { userId: 'sun', step: 'security' },
    ]);
    expect(approverChain({ ...people, risk: 'medium', holderId: 'zheng' })).toEqual([{ userId: 'liu', step: 'manager' }]);
  });
  it('nobody left when a manager-less owner asks for low risk', () => {
    expect(approverChain({ ...people, risk: 'low', managerId: null })).toEqual([]);
  });
});

describe('duration (every grant ends)', () => {
  it('refuses more than the role allows, and zero', () => {
    expect(durationProblem({ days: 30, maxDays: 90 })).toBeNull();
    expect(durationProblem({ days: 91, maxDays: 90 })).toMatch(/at most 90/);
    expect(durationProblem({ days: 0, maxDays: 90 })).toMatch(/at least 1/);
  });
  it('a grant ends days after it starts', () => {
    expect(grantEnd(new Date('2026-12-01T00:00:00Z'), 30).toISOString()).toBe('2026-12-31T00:00:00.000Z');
  });
  it('the reminder is due within the window, once, before the end', () => {
    const endsAt = new Date('2026-12-10T00:00:00Z');
    expect(expiryReminderDue({ endsAt, now: new Date('2026-12-04T00:00:00Z'), daysBefore: 7, remindedAt: null })).toBe(true);
    expect(expiryReminderDue({ endsAt, now: new Date('2026-12-01T00:00:00Z'), daysBefore: 7, remindedAt: null })).toBe(false);
    expect(expiryReminderDue({ endsAt, now: new Date('2026-12-04T00:00:00Z'), daysBefore: 7, remindedAt: new Date() })).toBe(false);
    expect(expiryReminderDue({ endsAt, now: new Date('2026-12-11T00:00:00Z'), daysBefore: 7, remindedAt: null })).toBe(false);
  });
});

describe('review decisions', () => {
  const now = new Date('2026-12-01T00:00:00Z');
  const currentEnd = new Date('2027-03-01T00:00:00Z');
  it('revoking needs a comment', () => {
    expect(decisionProblem({ decision: 'revoke', currentEnd, now })).toEqual({ field: 'comment', message: 'is required to revoke' });
    expect(decisionProblem({ decision: 'revoke', comment: '已调岗', currentEnd, now })).toBeNull();
    expect(decisionProblem({ decision: 'keep', currentEnd, now })).toBeNull();
  });
  it('shortening needs an earlier end that is still in the future', () => {
    expect(decisionProblem({ decision: 'shorten', currentEnd, now })?.field).toBe('endsAt');
    expect(decisionProblem({ decision: 'shorten', endsAt: new Date('2027-04-01T00:00:00Z'), currentEnd, now })?.message).toMatch(/earlier/);
    expect(decisionProblem({ decision: 'shorten', endsAt: new Date('2026-11-01T00:00:00Z'), currentEnd, now })?.message).toMatch(/future/);
    expect(decisionProblem({ decision: 'shorten', endsAt: new Date('2027-01-01T00:00:00Z'), currentEnd, now })).toBeNull();
  });
  it('bulk keep only for low and medium risk', () => {
    expect(bulkKeepAllowed(['low', 'medium'], 2)).toBe(true);
    expect(bulkKeepAllowed(['low', 'high'], 2)).toBe(false);
    expect(bulkKeepAllowed(['high'], 1)).toBe(true);
  });
});

describe('rubber-stamp detection', () => {
  it('flags a reviewer who kept everything in about a second each', () => {
    const opened = new Date('2026-12-01T00:00:00Z');
    const decided = Array.from({ length: 10 }, (_, index) => new Date(opened.getTime() + (index + 1) * 1000));
    const seconds = secondsPerDecision(opened, decided);
    expect(seconds).toEqual(Array(10).fill(1));
    expect(rubberStampOf({ decisions: Array(10).fill('keep'), secondsPerItem: seconds })).toEqual({ flagged: true, medianSeconds: 1 });
  });
  it('does not flag a reviewer who revoked something, took time, or had few items', () => {
    expect(rubberStampOf({ decisions: [...Array(9).fill('keep'), 'revoke'], secondsPerItem: Array(10).fill(1) }).flagged).toBe(false);
    expect(rubberStampOf({ decisions: Array(10).fill('keep'), secondsPerItem: Array(10).fill(20) }).flagged).toBe(false);
    expect(rubberStampOf({ decisions: Array(3).fill('keep'), secondsPerItem: Array(3).fill(1) }).flagged).toBe(false);
  });
});

describe('quarters in Beijing time', () => {
  it('names the quarter a date falls in', () => {
    expect(quarterOf(new Date('2026-12-31T17:00:00Z'))).toBe('2027-Q1');
    expect(quarterOf(new Date('2026-06-30T00:00:00Z'))).toBe('2026-Q2');
  });
});
