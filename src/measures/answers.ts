import type { Answers, Instrument } from './instruments.ts';

export interface AnswerProblem {
  code: string;
  message: string;
}

/**
 * Checks answers against the instrument: every key must be one of its items and every answer one
 * of the item's options. Unanswered items stay null (the scoring rules decide what that means);
 * nothing answered at all is refused.
 */
export function checkAnswers(
  instrument: Instrument,
  raw: Record<string, unknown>,
): { answers: Answers; problems: AnswerProblem[] } {
  const problems: AnswerProblem[] = [];
  const answers: Answers = {};
  const known = new Set(instrument.items.map((i) => i.code));
  for (const key of Object.keys(raw))
    if (!known.has(key)) problems.push({ code: key, message: `${key} is not an item of ${instrument.name}` });
  for (const item of instrument.items) {
    const v = raw[item.code];
    if (v === undefined || v === null || v === '') {
      answers[item.code] = null;
      continue;
    }
    const n = typeof v === 'number' ? v : /^-?\d+$/.test(String(v).trim()) ? Number(String(v).trim()) : NaN;
    if (!item.options.some((o) => o.value === n)) {
      problems.push({ code: item.code, message: `${item.label}: choose one of the answers offered` });
      answers[item.code] = null;
    } else answers[item.code] = n;
  }
  if (!problems.length && Object.values(answers).every((a) => a === null))
    problems.push({ code: instrument.items[0]!.code, message: 'Answer at least one question' });
  return { answers, problems };
}
