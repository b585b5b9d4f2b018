import { describe, expect, it } from 'vitest';
import { actionOverdue, nextReviewOn, reviewDateProblem, statusAfterReview } from './rules.ts';

describe('review schedule', () => {
  it('falls due the review interval after the first goal, then when the last review said', () => {
    expect(nextReviewOn(undefined, null, 6)).toBeNull();
    expect(nextReviewOn(undefined, '2026-01-05', 6)).toBe('2026-02-16');
    expect(nextReviewOn({ next_review_on: '2026-03-01' }, '2026-01-05', 6)).toBe('2026-03-01');
  });
});

describe('overdue actions', () => {
  it('are those still to do or in progress after their due day', () => {
    expect(actionOverdue({ status: 'to-do', due_on: '2026-01-01' }, '2026-01-02')).toBe(true);
    expect(actionOverdue({ status: 'doing', due_on: '2026-01-02' }, '2026-01-02')).toBe(false);
    expect(actionOverdue({ status: 'done', due_on: '2026-01-01' }, '2026-01-02')).toBe(false);
    expect(actionOverdue({ status: 'to-do', due_on: null }, '2026-01-02')).toBe(false);
  });
});

describe('review dates', () => {
  it('refuses a future review, one before support began, and a next review not after it', () => {
    expect(reviewDateProblem('2026-05-02', '2026-06-01', '2026-01-01', '2026-05-01')?.field).toBe(
      'reviewedOn',
    );
    expect(reviewDateProblem('2025-12-31', '2026-06-01', '2026-01-01', '2026-05-01')?.field).toBe(
      'reviewedOn',
    );
    expect(reviewDateProblem('2026-04-01', '2026-04-01', '2026-01-01', '2026-05-01')?.field).toBe(
      'nextReviewOn',
    );
    expect(reviewDateProblem('2026-04-01', '2026-05-13', '2026-01-01', '2026-05-01')).toBeNull();
  });
});

describe('goals at a review', () => {
  it('closes a goal marked achieved and leaves others as they were', () => {
    expect(statusAfterReview('open', 'achieved')).toBe('achieved');
    expect(statusAfterReview('open', 'good')).toBe('open');
    expect(statusAfterReview('dropped', 'achieved')).toBe('dropped');
  });
});
