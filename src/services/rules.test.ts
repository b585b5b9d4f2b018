import { describe, expect, it } from 'vitest';
import { isOpen, nextStatuses, updateProblem } from './rules.ts';

describe('outward referral statuses', () => {
  it('moves from sent through accepted and started to completed', () => {
    expect(nextStatuses('sent')).toEqual(['accepted', 'declined', 'started', 'withdrawn']);
    expect(nextStatuses('accepted')).toContain('started');
    expect(nextStatuses('started')).toEqual(['completed', 'withdrawn']);
  });
  it('ends at declined, completed or withdrawn', () => {
    for (const s of ['declined', 'completed', 'withdrawn']) {
      expect(nextStatuses(s)).toEqual([]);
      expect(isOpen(s)).toBe(false);
    }
    expect(isOpen('sent')).toBe(true);
    expect(nextStatuses('nonsense')).toEqual([]);
  });
  it('refuses a move not offered, a future date and one before the last update', () => {
    const current = { status: 'sent', status_on: '2026-03-10' };
    expect(updateProblem(current, 'completed', '2026-03-11', '2026-04-01')?.field).toBe('status');
    expect(updateProblem(current, 'accepted', '2026-04-02', '2026-04-01')?.field).toBe('statusOn');
    expect(updateProblem(current, 'accepted', '2026-03-09', '2026-04-01')?.field).toBe('statusOn');
    expect(updateProblem(current, 'accepted', '2026-03-10', '2026-04-01')).toBeNull();
  });
});
