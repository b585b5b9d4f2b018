import {
  A_OR_AN,
  checkRow,
  dateProblem,
  readHeader,
  type ImportTimepoint,
  type IndicatorInfo,
  type RowContext,
  type SubjectType,
} from './rules.ts';

/** `present` and the line a value came from, packed in one number to keep a large file small. */
const pack = (line: number, present: number) => line * 2 + present;
export const presentOf = (packed: number) => packed % 2;
export const lineOf = (packed: number) => Math.floor(packed / 2);

/** One profile as the file gives it. */
export interface Draft {
  /** The family's reference as the file first spells it. */
  familyRef: string;
  /** The same, compared without regard to case (`familyKey`). */
  familyKey: string;
  /** '' for the family's own profile. */
  memberRef: string;
  memberType: SubjectType;
  timepoint: ImportTimepoint;
  recordedOn: string;
  /** Every line of the file about this profile. */
  lines: number[];
  /** Indicator code → packed line and present, for the rows still to be loaded. */
  values: Map<string, number>;
  /** Lines repeating an indicator already given, with the same value. */
  repeats: Array<[code: string, line: number]>;
  /** Indicators given with both values: none of their rows is loaded. */
  conflicted?: Set<string>;
  /** Why the whole profile cannot be loaded. */
  rejected?: string;
}

/** Family references are matched without regard to case, as URNs are. */
export const familyKey = (familyRef: string) => familyRef.toUpperCase();
/** A member (or, with no member reference, the family) within the file. */
export const subjectKey = (family: string, memberRef: string) => `${family}\u0000${memberRef}`;

/**
 * Collects the rows of a file into profiles, keeping every problem by line. Rows are checked as
 * they arrive; `subjects.ts` then checks what needs the database (families, members, entries).
 */
export class ProfileFile {
  readonly drafts = new Map<string, Draft>();
  readonly errors = new Map<number, string>();
  /** Rows read, not counting the header. */
  rows = 0;
  /** The file stopped being readable as CSV part of the way through: none of it may be loaded. */
  unreadable = false;
  /** Indicators retired in the catalogue that the file gives: allowed only where nothing changes. */
  readonly retired = new Set<string>();
  private readonly types = new Map<string, { type: SubjectType; line: number }>();
  private readonly dates = new Map<string, string | null>();
  private readonly context: RowContext;
  private order: number[] | null = null;

  constructor(indicators: Map<string, IndicatorInfo>, today: string) {
    this.context = {
      indicators,
      dateProblem: (date) => {
        let problem = this.dates.get(date);
        if (problem === undefined) this.dates.set(date, (problem = dateProblem(date, today)));
        return problem;
      },
    };
  }

  /** Reads the header row; false (with the problem recorded on line 1) when it is unusable. */
  header(cells: string[]): boolean {
    const h = readHeader(cells);
    if ('error' in h) {
      this.reject(1, h.error);
      return false;
    }
    this.order = h.order;
    return true;
  }

  reject(line: number, reason: string): void {
    const before = this.errors.get(line);
    if (before === undefined) this.errors.set(line, reason);
    else if (!before.split('; ').includes(reason)) this.errors.set(line, `${before}; ${reason}`);
  }

  row(cells: string[], line: number): void {
    if (!this.order) throw new Error('read the header first');
    this.rows++;
    const checked = checkRow(cells, this.order, this.context);
    if (!checked.ok) {
      for (const r of checked.reasons) this.reject(line, r);
      return;
    }
    const { row, indicator } = checked;
    const family = familyKey(row.family_ref);
    const subject = subjectKey(family, row.member_ref);
    if (row.member_type !== 'family') {
      const seen = this.types.get(subject);
      if (!seen) this.types.set(subject, { type: row.member_type, line });
      else if (seen.type !== row.member_type) {
        this.reject(
          line,
          `member ${row.member_ref} of family ${row.family_ref} is given as ${A_OR_AN(seen.type)} on line ${seen.line}`,
        );
        return;
      }
    }
    const key = `${subject}\u0000${row.timepoint}\u0000${row.recorded_on}`;
    let draft = this.drafts.get(key);
    if (!draft) {
      draft = {
        familyRef: row.family_ref,
        familyKey: family,
        memberRef: row.member_ref,
        memberType: row.member_type,
        timepoint: row.timepoint,
        recordedOn: row.recorded_on,
        lines: [],
        values: new Map(),
        repeats: [],
      };
      this.drafts.set(key, draft);
    }
    draft.lines.push(line);
    if (indicator.retired_at) this.retired.add(indicator.code);
    const code = indicator.code;
    if (draft.conflicted?.has(code)) {
      this.reject(line, `indicator ${code} is given as both present and absent for this profile`);
      return;
    }
    const earlier = draft.values.get(code);
    if (earlier === undefined) draft.values.set(code, pack(line, row.present));
    else if (presentOf(earlier) === row.present) draft.repeats.push([code, line]);
    else {
      // Which value is right cannot be known: none of this indicator's rows is loaded.
      const reason = `indicator ${code} is given as both present and absent for this profile (lines ${lineOf(earlier)} and ${line})`;
      this.reject(lineOf(earlier), reason);
      this.reject(line, reason);
      for (const [c, l] of draft.repeats) if (c === code) this.reject(l, reason);
      draft.values.delete(code);
      (draft.conflicted ??= new Set()).add(code);
    }
  }

  /** Refuses one indicator of a profile, with every line that gave it. */
  rejectIndicator(draft: Draft, code: string, reason: string): void {
    const packed = draft.values.get(code);
    if (packed === undefined) return;
    this.reject(lineOf(packed), reason);
    for (const [c, l] of draft.repeats) if (c === code) this.reject(l, reason);
    draft.values.delete(code);
  }

  /** Refuses a whole profile: every one of its lines. */
  rejectDraft(draft: Draft, reason: string): void {
    if (draft.rejected) return;
    draft.rejected = reason;
    for (const l of draft.lines) this.reject(l, reason);
    draft.values.clear();
  }

  /** Profiles with at least one row to load. */
  *loadable(): Iterable<Draft> {
    for (const d of this.drafts.values()) if (!d.rejected && d.values.size > 0) yield d;
  }

  /** Error lines in file order. */
  sortedErrors(): Array<{ line: number; reason: string }> {
    return [...this.errors.keys()]
      .sort((a, b) => a - b)
      .map((line) => ({ line, reason: this.errors.get(line)! }));
  }
}
