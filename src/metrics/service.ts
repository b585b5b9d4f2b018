import type { Db } from '../app/db/connect.ts';
import type { AuditService, Who } from '../audit/service.ts';
import { listIndicators } from '../indicators/store.ts';
import { nowIso } from '../lib/dates.ts';
import { ConflictError, NotFoundError, RuleError } from '../lib/errors.ts';
import { instrumentsFor, type Instrument, type RatingScale } from '../measures/instruments.ts';
import { caseworkSettings } from '../organisation/casework-settings.ts';
import type { Actor } from '../users/policy.ts';
import {
  describeParameters,
  parametersJson,
  PEOPLE_NAMES,
  readParameters,
  type MetricDefinition,
  type MetricParameters,
} from './definition.ts';
import { countsText, evaluate, formatMedian, nobodyText, statement, type Figures } from './rules.ts';
import * as store from './store.ts';
import type { MetricRow } from './store.ts';

type Signed = Who & { actor: Actor };

/** A questionnaire score a metric can follow: one of the standard questionnaires or a project's scales. */
export interface ScoreChoice {
  value: string;
  text: string;
  measure: string;
  score: string;
  subject: Instrument['subject'];
}

export interface Metric {
  row: MetricRow;
  parameters: MetricParameters;
  /** The parameters in words. */
  described: string[];
}

export interface MetricResult {
  id: number;
  name: string;
  kind: MetricParameters['kind'];
  people: string;
  figures: Figures;
  /** The headline figure as printed: "64%", or a median change. */
  figure: string;
  /** What the figure is, for the line under it. */
  figureLabel: string;
  counts: string;
  /** The wording filled in; null when nobody could be counted, with `nobody` saying why. */
  statement: string | null;
  nobody: string;
  /** Score metrics: those in the cohort whose change could not be measured. */
  leftOut: number;
  changeAs: 'points' | 'percent' | null;
}

/**
 * Service outcome metrics: the programme's definitions, kept by programme admins with every
 * change audited, and the report that works them out over what profiles and questionnaires record.
 */
/** The family filters of a run, for the audit trail (the programme and project are recorded apart). */
function familyFilter(filter: store.EvidenceFilter) {
  const { programmeId: _programme, projectId: _project, ...families } = filter;
  return families;
}

export class MetricService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  /** Every score a metric of this programme can follow, standard questionnaires first. */
  async scoreChoices(programmeId: number): Promise<ScoreChoice[]> {
    const scales = new Map<string, RatingScale>();
    for (const p of await store.projectSettings(this.db, programmeId))
      for (const s of caseworkSettings(p.casework_settings).ratingScales)
        if (!scales.has(s.key)) scales.set(s.key, s);
    return instrumentsFor([...scales.values()]).flatMap((i) =>
      i.scores.map((s) => ({
        value: `${i.key}|${s.key}`,
        text: `${i.name}: ${s.label}`,
        measure: i.key,
        score: s.key,
        subject: i.subject,
      })),
    );
  }

  private async names(programmeId: number) {
    const [indicators, scores] = await Promise.all([listIndicators(this.db), this.scoreChoices(programmeId)]);
    const wording = new Map(indicators.map((i) => [i.code, i.wording]));
    return {
      indicator: (code: string) => wording.get(code) ?? '(not in the catalogue)',
      score: (measure: string, score: string) =>
        scores.find((s) => s.measure === measure && s.score === score)?.text ?? `${measure} ${score}`,
    };
  }

  private read(row: MetricRow, names: Awaited<ReturnType<MetricService['names']>>): Metric {
    const parameters = readParameters(row.kind, row.parameters);
    return { row, parameters, described: describeParameters(parameters, names) };
  }

  /** Every metric of the programme, retired ones included, in the order they were added. */
  async list(programmeId: number): Promise<Metric[]> {
    const [rows, names] = await Promise.all([
      store.listMetrics(this.db, programmeId),
      this.names(programmeId),
    ]);
    return rows.map((r) => this.read(r, names));
  }

  async get(programmeId: number, id: number): Promise<Metric> {
    const row = await store.findMetric(this.db, programmeId, id);
    if (!row) throw new NotFoundError();
    return this.read(row, await this.names(programmeId));
  }

  /**
   * What the form cannot know: that the codes are in the catalogue and about the people counted,
   * that the score is one the programme records about them, and that the name is free.
   */
  private async check(programmeId: number, d: MetricDefinition, exceptId?: number): Promise<void> {
    const p = d.parameters;
    if (p.kind === 'score-change') {
      const choice = (await this.scoreChoices(programmeId)).find(
        (s) => s.measure === p.measure && s.score === p.score,
      );
      if (!choice) throw new RuleError('Choose a score from the list', 'score');
      const fits =
        p.people === 'family'
          ? choice.subject === 'family'
          : choice.subject === p.people || choice.subject === 'any';
      if (!fits)
        throw new RuleError(
          `${choice.text} is not recorded about ${PEOPLE_NAMES[p.people].many}: choose another score or who to count`,
          'score',
        );
    } else {
      const catalogue = new Map((await listIndicators(this.db)).map((i) => [i.code, i]));
      const unknown = p.codes.filter((c) => !catalogue.has(c));
      if (unknown.length)
        throw new RuleError(
          `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in the indicator catalogue`,
          'codes',
        );
      if (p.people !== 'family') {
        const other = p.codes.filter((c) => catalogue.get(c)!.level !== p.people);
        if (other.length)
          throw new RuleError(
            `${other.join(', ')} ${other.length === 1 ? 'is not a' : 'are not'} ${PEOPLE_NAMES[p.people].one} indicator${other.length === 1 ? '' : 's'}: count families, or choose ${PEOPLE_NAMES[p.people].one} indicators`,
            'codes',
          );
      }
    }
    const taken = (await store.listMetrics(this.db, programmeId)).find(
      (m) => m.id !== exceptId && m.name.toLowerCase() === d.name.toLowerCase(),
    );
    if (taken) throw new RuleError(`There is already a metric called “${taken.name}”`, 'name');
  }

  private fields(d: MetricDefinition): store.MetricFields {
    return {
      name: d.name,
      wording: d.wording,
      kind: d.parameters.kind,
      parameters: parametersJson(d.parameters),
    };
  }

  /** Adds a metric to the actor's programme; returns its id. */
  async add(who: Signed, d: MetricDefinition): Promise<number> {
    const programmeId = who.actor.programmeId;
    await this.check(programmeId, d);
    return this.db.transaction().execute(async (trx) => {
      const f = this.fields(d);
      const id = await store.insertMetric(trx, programmeId, f, who.actor.id);
      await this.audit.record(trx, who, 'metric.added', {
        projectId: null,
        subjectType: 'outcome-metric',
        subjectId: id,
        details: { after: { ...f, parameters: JSON.parse(f.parameters) as unknown } },
      });
      return id;
    });
  }

  /** Changes a metric over the version the admin saw; the reason goes in the audit trail. */
  async update(who: Signed, id: number, version: number, d: MetricDefinition, reason: string): Promise<void> {
    const programmeId = who.actor.programmeId;
    const before = await this.get(programmeId, id);
    if (before.parameters.kind !== d.parameters.kind)
      throw new RuleError('A metric keeps its kind: retire it and add a new one instead', 'form');
    await this.check(programmeId, d, id);
    await this.db.transaction().execute(async (trx) => {
      const f = this.fields(d);
      if (!(await store.updateMetric(trx, id, version, f, who.actor.id)))
        throw new ConflictError(await store.findMetric(trx, programmeId, id));
      const was: Record<string, unknown> = {};
      const now: Record<string, unknown> = {};
      for (const key of ['name', 'wording', 'parameters'] as const)
        if (before.row[key] !== f[key]) {
          was[key] = key === 'parameters' ? JSON.parse(before.row[key]) : before.row[key];
          now[key] = key === 'parameters' ? JSON.parse(f[key]) : f[key];
        }
      await this.audit.record(trx, who, 'metric.updated', {
        projectId: null,
        subjectType: 'outcome-metric',
        subjectId: id,
        details: { before: was, after: now, reason },
      });
    });
  }

  /** Takes a metric off the report; kept, and can be reinstated. */
  async retire(who: Signed, id: number, version: number, reason: string): Promise<void> {
    await this.setRetired(who, id, version, true, reason);
  }

  async reinstate(who: Signed, id: number, version: number): Promise<void> {
    await this.setRetired(who, id, version, false);
  }

  private async setRetired(who: Signed, id: number, version: number, retire: boolean, reason?: string) {
    const programmeId = who.actor.programmeId;
    const before = await this.get(programmeId, id);
    if (!!before.row.retired_at === retire) throw new ConflictError(before.row);
    await this.db.transaction().execute(async (trx) => {
      if (!(await store.setRetired(trx, id, version, retire ? nowIso() : null, who.actor.id)))
        throw new ConflictError(await store.findMetric(trx, programmeId, id));
      await this.audit.record(trx, who, retire ? 'metric.retired' : 'metric.reinstated', {
        projectId: null,
        subjectType: 'outcome-metric',
        subjectId: id,
        details: retire ? { reason } : { before: { retired_at: before.row.retired_at } },
      });
    });
  }

  /**
   * Every active metric worked out over the filter's families, and the run audited. Only counts
   * leave here: no family or person is identified.
   */
  async report(who: Signed, filter: store.EvidenceFilter, download = false): Promise<MetricResult[]> {
    const metrics = (await store.listMetrics(this.db, filter.programmeId))
      .filter((m) => !m.retired_at)
      .map((row) => ({ row, parameters: readParameters(row.kind, row.parameters) }));
    const codes = new Set<string>();
    const measures = new Set<string>();
    for (const { parameters: p } of metrics)
      if (p.kind === 'score-change') measures.add(p.measure);
      else for (const c of p.codes) codes.add(c);
    const [profiles, scores] = await Promise.all([
      store.profileRecords(this.db, filter, [...codes]),
      store.scoreRecords(this.db, filter, [...measures]),
    ]);
    const results = metrics.map(({ row, parameters: p }) => {
      const figures = evaluate(p, { profiles, scores });
      const score = p.kind === 'score-change';
      const median = score && figures.median !== null && figures.median !== undefined;
      return {
        id: row.id,
        name: row.name,
        kind: p.kind,
        people: PEOPLE_NAMES[p.people].many,
        figures,
        figure: score
          ? median
            ? `${figures.median! > 0 ? '+' : ''}${formatMedian(figures.median!, p.changeAs)}`
            : '–'
          : figures.percent === null
            ? '–'
            : `${figures.percent}%`,
        figureLabel: score
          ? `median change${p.changeAs === 'points' ? ' in points' : ' as a share of the entry score'}`
          : p.kind === 'cleared'
            ? 'no longer had it'
            : 'gained it',
        counts: countsText(figures, p),
        statement: statement(row.wording, figures, p),
        nobody: nobodyText(p),
        leftOut: figures.leftOut ?? 0,
        changeAs: score ? p.changeAs : null,
      };
    });
    await this.audit.recordAlone(who, download ? 'report.downloaded' : 'report.viewed', {
      projectId: filter.projectId ?? null,
      details: { report: 'metrics', metrics: metrics.length, filter: familyFilter(filter) },
    });
    return results;
  }
}
