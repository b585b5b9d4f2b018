import { addDays } from '../lib/dates.ts';

export const GOAL_STATUS = {
  open: 'Working on it',
  achieved: 'Achieved',
  dropped: 'No longer a goal',
} as const;
export type GoalStatus = keyof typeof GOAL_STATUS;

export const ACTION_STATUS = {
  'to-do': 'To do',
  doing: 'In progress',
  done: 'Done',
  dropped: 'Dropped',
} as const;
export type ActionStatus = keyof typeof ACTION_STATUS;

export const OWNER_TYPES = {
  keyworker: 'A worker on the project',
  member: 'Someone in the family',
  agency: 'Another agency',
} as const;
export type OwnerType = keyof typeof OWNER_TYPES;

/** Progress on a goal at a review, worst to best. */
export const PROGRESS = {
  worse: 'Got worse',
  none: 'No change yet',
  some: 'Some progress',
  good: 'Good progress',
  achieved: 'Achieved',
} as const;
export type Progress = keyof typeof PROGRESS;

/**
 * When the plan is next reviewed: the date the last review set, or — before any review — the
 * review interval after the plan's first goal was agreed.
 */
export function nextReviewOn(
  lastReview: { next_review_on: string } | undefined,
  firstGoalOn: string | null,
  reviewWeeks: number,
): string | null {
  if (lastReview) return lastReview.next_review_on;
  return firstGoalOn ? addDays(firstGoalOn, reviewWeeks * 7) : null;
}

/** Whether an action is past its due date and still to do. */
export function actionOverdue(a: { status: string; due_on: string | null }, today: string): boolean {
  return (a.status === 'to-do' || a.status === 'doing') && a.due_on !== null && a.due_on < today;
}

/** Why a review's dates do not work: not in the future, and the next one after it. */
export function reviewDateProblem(
  reviewedOn: string,
  nextOn: string,
  openedOn: string,
  today: string,
): { field: 'reviewedOn' | 'nextReviewOn'; message: string } | null {
  if (reviewedOn > today)
    return { field: 'reviewedOn', message: 'The review date must be today or in the past' };
  if (reviewedOn < openedOn)
    return { field: 'reviewedOn', message: 'The review date must be on or after the day support started' };
  if (nextOn <= reviewedOn)
    return { field: 'nextReviewOn', message: 'The next review must be after this one' };
  return null;
}

/** The goal's status after a review: an achieved goal closes; the others stay open. */
export function statusAfterReview(current: GoalStatus, progress: Progress): GoalStatus {
  return current === 'open' && progress === 'achieved' ? 'achieved' : current;
}
