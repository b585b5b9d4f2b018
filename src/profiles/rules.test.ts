import { describe, expect, it } from 'vitest';
import { compareProfiles, cycleOpen, levelOf, ordered, recordingProblem, versionChange } from './rules.ts';

const p = (timepoint: 'entry' | 'review' | 'exit', recorded_on: string) => ({ timepoint, recorded_on });

describe('recording a profile', () => {
  it('starts with an entry', () => {
    expect(recordingProblem([], 'entry', '2025-01-10')).toBeNull();
    expect(recordingProblem([], 'review', '2025-01-10')).toMatch(/entry profile first/);
    expect(recordingProblem([], 'exit', '2025-01-10')).toMatch(/entry profile first/);
  });

  it('takes any number of dated reviews after the entry, then an exit', () => {
    const steps = [p('entry', '2025-01-10'), p('review', '2025-03-01')];
    expect(recordingProblem(steps, 'review', '2025-05-01')).toBeNull();
    expect(recordingProblem(steps, 'exit', '2025-06-01')).toBeNull();
    expect(recordingProblem(steps, 'review', '2025-03-01')).toMatch(/already has a review/);
    expect(recordingProblem(steps, 'entry', '2025-06-01')).toMatch(/already has an entry/);
  });

  it('allows a review or exit on the entry date but not before it or before the last one', () => {
    const steps = [p('entry', '2025-01-10'), p('review', '2025-03-01')];
    expect(recordingProblem([p('entry', '2025-01-10')], 'exit', '2025-01-10')).toBeNull();
    expect(recordingProblem(steps, 'exit', '2025-01-09')).toMatch(/before the entry/);
    expect(recordingProblem(steps, 'exit', '2025-02-01')).toMatch(/before the last/);
  });

  it('needs a new entry after an exit, dated after it', () => {
    const steps = [p('entry', '2025-01-10'), p('exit', '2025-06-01')];
    expect(cycleOpen(steps)).toBe(false);
    expect(recordingProblem(steps, 'review', '2025-07-01')).toMatch(/entry profile first/);
    expect(recordingProblem(steps, 'entry', '2025-05-01')).toMatch(/after the last exit/);
    expect(recordingProblem(steps, 'entry', '2025-07-01')).toBeNull();
    expect(cycleOpen([...steps, p('entry', '2025-07-01')])).toBe(true);
  });

  it('orders by date with the entry first on the same day', () => {
    expect(ordered([p('exit', '2025-01-10'), p('entry', '2025-01-10')]).map((s) => s.timepoint)).toEqual([
      'entry',
      'exit',
    ]);
  });

  it('uses the family level for the family itself', () => {
    expect(levelOf(null)).toBe('family');
    expect(levelOf('child')).toBe('child');
  });
});

describe('comparing profiles', () => {
  const facts = new Map(
    ['CR1.1', 'CR1.2', 'CR2.1', 'CS1.1', 'CS1.2', 'CS1.3'].map((code) => [
      code,
      { code, polarity: code[1] === 'R' ? 'risk' : 'strength' },
    ]),
  );

  it('sorts indicators into resolved, new and continuing risks and gained, lost and kept strengths', () => {
    expect(
      compareProfiles(['CR1.1', 'CR1.2', 'CS1.1', 'CS1.2'], ['CR1.2', 'CR2.1', 'CS1.2', 'CS1.3'], facts),
    ).toEqual({
      resolvedRisks: ['CR1.1'],
      newRisks: ['CR2.1'],
      continuingRisks: ['CR1.2'],
      gainedStrengths: ['CS1.3'],
      lostStrengths: ['CS1.1'],
      keptStrengths: ['CS1.2'],
    });
  });

  it('reports what an edit added and removed', () => {
    expect(versionChange(['CR1.1', 'CR1.2'], ['CR1.2', 'CS1.1'])).toEqual({
      added: ['CS1.1'],
      removed: ['CR1.1'],
    });
  });
});
