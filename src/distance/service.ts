import type { Db } from '../app/db/connect.ts';
import type { Who } from '../audit/service.ts';
import type { FamilyService } from '../families/service.ts';
import { listIndicators } from '../indicators/store.ts';
import { findInstrument, instrumentsFor } from '../measures/instruments.ts';
import { reliableChangeNorm } from '../measures/reference.ts';
import * as measures from '../measures/store.ts';
import { caseworkSettingsOf } from '../organisation/store.ts';
import { compareProfiles, ordered, TIMEPOINTS } from '../profiles/rules.ts';
import * as profiles from '../profiles/store.ts';
import type { Actor } from '../users/policy.ts';
import { scoreChartSvg } from './chart.ts';
import { scoreChange } from './rules.ts';

type Signed = Who & { actor: Actor };

/** Scores followed over time: SDQ total difficulties, WEMWBS total, SWEMWBS metric, a scale's average. */
const HEADLINE = ['total', 'metric', 'mean'];

/** What changed for each person in the family: indicators between profiles, and scores over time. */
export class DistanceService {
  constructor(
    private readonly db: Db,
    private readonly families: FamilyService,
  ) {}

  async view(who: Signed, familyId: number) {
    const data = await this.families.read(who.actor, familyId);
    await this.families.recordView(who, data.family, 'distance travelled');
    const [allProfiles, administrations, indicators, settings] = await Promise.all([
      profiles.listForFamily(this.db, familyId),
      measures.listForFamily(this.db, familyId),
      listIndicators(this.db),
      caseworkSettingsOf(this.db, data.family.project_id),
    ]);
    const facts = new Map(indicators.map((i) => [i.code, i]));
    const instruments = instrumentsFor(settings.ratingScales);
    const subjects = [
      { memberId: null as number | null, name: 'The family as a whole' },
      ...data.members.map((m) => ({
        memberId: m.id as number | null,
        name: `${m.given_name} ${m.family_name}${m.current ? '' : ' (left)'}`,
      })),
    ];
    const out = [];
    for (const s of subjects) {
      const steps = ordered(allProfiles.filter((p) => p.member_id === s.memberId));
      const entryIndex = steps.map((p) => p.timepoint).lastIndexOf('entry');
      const entry = entryIndex >= 0 ? steps[entryIndex]! : null;
      const latest = entry && steps.length - 1 > entryIndex ? steps.at(-1)! : null;
      const comparison = entry && latest ? compareProfiles(entry.present, latest.present, facts) : null;
      const describe = (codes: string[]) =>
        codes.map((c) => ({
          code: c,
          wording: facts.get(c)?.wording ?? c,
          domain: facts.get(c)?.domain ?? '',
        }));

      const mine = administrations.filter((a) => a.member_id === s.memberId && !a.withdrawn_reason);
      const series = [];
      for (const key of [...new Set(mine.map((a) => a.measure))]) {
        const instrument = findInstrument(instruments, key);
        if (!instrument) continue;
        const runs = mine.filter((a) => a.measure === key);
        for (const score of instrument.scores.filter((x) => HEADLINE.includes(x.key) || x.key === 'impact')) {
          const points = runs.map((a) => ({
            date: a.administered_on,
            timepoint: TIMEPOINTS[a.timepoint],
            value: a.scores[score.key] ?? null,
          }));
          if (points.every((p) => p.value === null)) continue;
          const norm = reliableChangeNorm(key, score.key);
          // Change counts from the latest entry questionnaire, so a family's second episode is
          // measured from its own start; all the scores stay in the table.
          const lastEntry = runs.map((a) => a.timepoint).lastIndexOf('entry');
          const change = scoreChange(points.slice(Math.max(0, lastEntry)), score.higherIsBetter, norm);
          const rows = points.map((p) => ({
            ...p,
            shown: p.value === null ? 'Not scored' : p.value.toFixed(score.decimals),
            band: instrument.bands(score.key, p.value).band4 ?? null,
          }));
          const plotted = points.flatMap((p) => (p.value === null ? [] : [{ date: p.date, value: p.value }]));
          const headline = HEADLINE.includes(score.key);
          series.push({
            id: `${s.memberId ?? 'family'}-${key.replace(':', '-')}-${score.key}`,
            measure: instrument.name,
            score: score.label,
            higherIsBetter: score.higherIsBetter,
            rows,
            change,
            norm,
            decimals: score.decimals,
            chart:
              headline && plotted.length > 1
                ? await scoreChartSvg({
                    points: plotted,
                    min: score.min,
                    max: score.max,
                    title: score.label,
                  })
                : null,
          });
        }
      }
      if (!steps.length && !series.length) continue;
      out.push({
        ...s,
        entry,
        latest,
        comparison: comparison && {
          resolvedRisks: describe(comparison.resolvedRisks),
          newRisks: describe(comparison.newRisks),
          continuingRisks: describe(comparison.continuingRisks),
          gainedStrengths: describe(comparison.gainedStrengths),
          lostStrengths: describe(comparison.lostStrengths),
          keptStrengths: describe(comparison.keptStrengths),
        },
        series,
      });
    }
    return { family: data.family, subjects: out, timepoints: TIMEPOINTS };
  }
}
