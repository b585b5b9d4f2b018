import { describe, expect, it } from 'vitest';
import { checkAnswers } from './answers.ts';
import { findInstrument, ratingInstrument, STANDARD_INSTRUMENTS } from './instruments.ts';

const sdqP = findInstrument(STANDARD_INSTRUMENTS, 'sdq-p')!;
const sdqT = findInstrument(STANDARD_INSTRUMENTS, 'sdq-t')!;

describe('checking answers against an instrument', () => {
  it('keeps blanks as not answered, never zero', () => {
    const { answers, problems } = checkAnswers(sdqP, { i1: '2', i2: '', i3: ' 1 ' });
    expect(problems).toEqual([]);
    expect(answers.i1).toBe(2);
    expect(answers.i2).toBeNull();
    expect(answers.i3).toBe(1);
    expect(answers.i25).toBeNull();
  });

  it('refuses an answer the item does not offer, and items the form does not have', () => {
    expect(checkAnswers(sdqP, { i1: '3' }).problems).toEqual([
      { code: 'i1', message: 'Item 1 (consid): choose one of the answers offered' },
    ]);
    expect(checkAnswers(sdqP, { i1: 'x' }).problems).toHaveLength(1);
    expect(checkAnswers(sdqP, { i26: '1', i1: '1' }).problems[0]!.message).toBe(
      'i26 is not an item of SDQ, parent or carer',
    );
    // The teacher form has no home-life or leisure impact items.
    expect(checkAnswers(sdqT, { i1: '1', imphome: '1' }).problems[0]!.code).toBe('imphome');
  });

  it('refuses a questionnaire with nothing answered', () => {
    expect(checkAnswers(sdqP, {}).problems[0]!.message).toBe('Answer at least one question');
  });

  it('checks a rating scale against its own range', () => {
    const scale = ratingInstrument({
      key: 'x',
      name: 'X',
      min: 1,
      max: 5,
      areas: ['A', 'B'],
      subject: 'family',
    });
    expect(checkAnswers(scale, { a1: '5', a2: '1' }).problems).toEqual([]);
    expect(checkAnswers(scale, { a1: '0' }).problems[0]!.message).toBe(
      'A: choose one of the answers offered',
    );
    expect(scale.score({ a1: 5, a2: 2 })).toEqual({ a1: 5, a2: 2, mean: 3.5 });
    expect(scale.score({ a1: 5, a2: null }).mean).toBeNull();
  });
});
