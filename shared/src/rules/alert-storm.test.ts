import { describe, expect, it } from 'vitest';
import { createStormGuard, stormCardId, stormIsOver, stormSummaryDue } from './alert-storm';

const now = new Date('2026-11-28T08:00:00Z');
const secondsAgo = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe('alert storm guard', () => {
  it('lets cardsPerMinute level-2 cards through per chat, then folds', () => {
    const guard = createStormGuard({ recentCards: new Map(), cardsPerMinute: 3 });
    const decisions = Array.from({ length: 5 }, () => guard.decide({ level: 2, chatId: 'it' }));
    expect(decisions).toEqual(['card', 'card', 'card', 'fold', 'fold']);
  });

  it('counts what the chat already received in the last minute', () => {
    const guard = createStormGuard({ recentCards: new Map([['it', 2]]), cardsPerMinute: 3 });
    expect(guard.decide({ level: 2, chatId: 'it' })).toBe('card');
    expect(guard.decide({ level: 2, chatId: 'it' })).toBe('fold');
  });

  it('counts each chat on its own', () => {
    const guard = createStormGuard({ recentCards: new Map([['it', 3]]), cardsPerMinute: 3 });
    expect(guard.decide({ level: 2, chatId: 'it' })).toBe('fold');
    expect(guard.decide({ level: 2, chatId: 'erp' })).toBe('card');
  });

  it('never folds level 1, and level-1 cards do not use up the level-2 allowance', () => {
    const guard = createStormGuard({ recentCards: new Map([['it', 10]]), cardsPerMinute: 3 });
    expect(guard.decide({ level: 1, chatId: 'it' })).toBe('card');
    const fresh = createStormGuard({ recentCards: new Map(), cardsPerMinute: 1 });
    expect(fresh.decide({ level: 1, chatId: 'it' })).toBe('card');
    expect(fresh.decide({ level: 2, chatId: 'it' })).toBe('card');
  });

  it('does not fold when there is no chat to protect', () => {
    const guard = createStormGuard({ recentCards: new Map(), cardsPerMinute: 0 });
    expect(guard.decide({ level: 2, chatId: null })).toBe('card');
  });
});

describe('storm lifetime and summary damping', () => {
  it('a storm ends after 10 quiet minutes', () => {
    expect(stormIsOver({ lastFoldAt: secondsAgo(599), now })).toBe(false);
    expect(stormIsOver({ lastFoldAt: secondsAgo(600), now })).toBe(true);
  });

  it('the summary is updated when dirty, at most once per interval', () => {
    expect(stormSummaryDue({ dirty: true, lastUpdateAt: secondsAgo(59), now, intervalSeconds: 60 })).toBe(false);
    expect(stormSummaryDue({ dirty: true, lastUpdateAt: secondsAgo(60), now, intervalSeconds: 60 })).toBe(true);
    expect(stormSummaryDue({ dirty: false, lastUpdateAt: secondsAgo(600), now, intervalSeconds: 60 })).toBe(false);
  });

  it('one summary card id per chat and storm start', () => {
    expect(stormCardId('cid123', now)).toBe(`alert-storm-cid123-${now.getTime() / 1000}`);
    expect(stormCardId('cidA+b/C==', now)).toBe(`alert-storm-cidA_b_C__-${now.getTime() / 1000}`);
  });
});
