import { z } from 'zod';
import { dateField } from '../families/forms.ts';
import {
  addError,
  emptyErrors,
  field,
  fieldList,
  formId,
  formString,
  inPageOrder,
  parseForm,
  type FormErrors,
} from '../lib/forms.ts';
import {
  ACTION_STATUS,
  GOAL_STATUS,
  OWNER_TYPES,
  PROGRESS,
  type ActionStatus,
  type GoalStatus,
  type OwnerType,
  type Progress,
} from './rules.ts';
import type { ActionInput, GoalInput, ReviewInput } from './service.ts';

type Result<T> = { ok: true; data: T } | { ok: false; errors: FormErrors };
const keys = <T extends object>(o: T) => Object.keys(o) as [string, ...string[]];
const ids = (body: unknown, name: string) =>
  fieldList(body, name)
    .filter((v) => /^\d{1,9}$/.test(v))
    .map(Number);

const goalSchema = z.object({
  goal: formString(
    z
      .string()
      .trim()
      .min(1, 'Write the goal in the family’s words')
      .max(500, 'The goal must be 500 characters or fewer'),
  ),
  needDomain: formString(z.string().min(1, 'Choose the need the goal works on')),
  status: formString(
    z.union([z.literal(''), z.enum(keys(GOAL_STATUS), { message: 'Choose where the goal stands' })]),
  ),
  closedReason: formString(z.string().trim().max(500, 'The reason must be 500 characters or fewer')),
});

export function readGoal(body: unknown): Result<GoalInput> {
  const form = parseForm(goalSchema, body, { status: 'status' });
  if (!form.ok)
    return {
      ok: false,
      errors: inPageOrder(form.errors, ['goal', 'needDomain', 'memberIds', 'status', 'closedReason']),
    };
  return {
    ok: true,
    data: {
      goal: form.data.goal,
      need_domain: form.data.needDomain,
      memberIds: ids(body, 'memberIds'),
      status: (form.data.status || undefined) as GoalStatus | undefined,
      closedReason: form.data.closedReason,
    },
  };
}

const actionSchema = z.object({
  action: formString(
    z.string().trim().min(1, 'Say what will be done').max(500, 'The action must be 500 characters or fewer'),
  ),
  ownerType: formString(z.enum(keys(OWNER_TYPES), { message: 'Choose who will do it' })),
  ownerUserId: formId,
  ownerMemberId: formId,
  ownerAgency: formString(z.string().trim().max(100, 'The agency must be 100 characters or fewer')),
  status: formString(z.enum(keys(ACTION_STATUS), { message: 'Choose where the action stands' })),
});

export const ACTION_ANCHORS = { ownerType: 'ownerType', status: 'status', dueOn: 'dueOn-day' };

export function readAction(body: unknown): Result<ActionInput> {
  const form = parseForm(actionSchema, body, ACTION_ANCHORS);
  const errors = form.ok ? emptyErrors() : form.errors;
  const due = dateField(body, 'dueOn', 'the date it is due', { required: false });
  if (due.error) addError(errors, 'dueOn', due.error, 'dueOn-day');
  const type = field(body, 'ownerType');
  if (type === 'agency' && !field(body, 'ownerAgency').trim())
    addError(errors, 'ownerAgency', 'Name the agency');
  if (!form.ok || errors.list.length)
    return {
      ok: false,
      errors: inPageOrder(errors, [
        'action',
        'ownerType',
        'ownerUserId',
        'ownerMemberId',
        'ownerAgency',
        'dueOn',
        'status',
      ]),
    };
  const d = form.data;
  const owner = d.ownerType as OwnerType;
  return {
    ok: true,
    data: {
      action: d.action,
      owner_type: owner,
      owner_user_id: owner === 'keyworker' ? d.ownerUserId : null,
      owner_member_id: owner === 'member' ? d.ownerMemberId : null,
      owner_agency: owner === 'agency' ? d.ownerAgency : null,
      due_on: due.value ?? null,
      status: d.status as ActionStatus,
    },
  };
}

export function readReview(body: unknown, openGoalIds: number[]): Result<ReviewInput> {
  const errors = emptyErrors();
  const reviewed = dateField(body, 'reviewedOn', 'the date of the review');
  if (reviewed.error) addError(errors, 'reviewedOn', reviewed.error, 'reviewedOn-day');
  const next = dateField(body, 'nextReviewOn', 'the date of the next review');
  if (next.error) addError(errors, 'nextReviewOn', next.error, 'nextReviewOn-day');
  const summary = field(body, 'summary').trim();
  if (summary.length > 5000) addError(errors, 'summary', 'The summary must be 5,000 characters or fewer');
  const progress: ReviewInput['progress'] = [];
  for (const goalId of openGoalIds) {
    const p = field(body, `progress-${goalId}`);
    const note = field(body, `note-${goalId}`).trim();
    if (!(p in PROGRESS)) addError(errors, `progress-${goalId}`, 'Say how this goal has gone');
    if (note.length > 1000) addError(errors, `note-${goalId}`, 'The note must be 1,000 characters or fewer');
    if (p in PROGRESS) progress.push({ goalId, progress: p as Progress, note });
  }
  if (errors.list.length)
    return {
      ok: false,
      errors: inPageOrder(errors, [
        'reviewedOn',
        ...openGoalIds.flatMap((g) => [`progress-${g}`, `note-${g}`]),
        'summary',
        'nextReviewOn',
      ]),
    };
  return { ok: true, data: { reviewed_on: reviewed.value!, next_review_on: next.value!, summary, progress } };
}
