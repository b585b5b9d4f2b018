import type { Db } from '../app/db/connect.ts';
import type { AuditService, Who } from '../audit/service.ts';
import { nowIso } from '../lib/dates.ts';
import { ConflictError, NotFoundError, RuleError } from '../lib/errors.ts';
import type { Actor } from '../users/policy.ts';
import type { NewIndicatorInput } from './forms.ts';
import {
  countCatalogue,
  domainsOf,
  groupCatalogue,
  INDICATOR_CODE,
  matches,
  nextLocalCode,
  nextLocalDomainCode,
  sameWording,
  type CatalogueFilter,
  type Domain,
  type Level,
  type Polarity,
} from './rules.ts';
import * as store from './store.ts';
import type { IndicatorRow } from './store.ts';

type Signed = Who & { actor: Actor };

/**
 * The indicator catalogue: the shipped IFMIS indicators and the programme's local ones. Nothing
 * is ever deleted; a retired indicator is no longer offered for new profiles but still shows
 * wherever profiles recorded it.
 */
export class IndicatorService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  /** The catalogue page: the indicators the filter keeps, grouped, with counts of the whole. */
  async catalogue(filter: CatalogueFilter) {
    const all = await store.listIndicators(this.db);
    const shown = all.filter((i) => matches(i, filter));
    return { groups: groupCatalogue(shown), shown: shown.length, counts: countCatalogue(all) };
  }

  /** Every indicator, retired ones included, for pages showing what was recorded. */
  async all(): Promise<IndicatorRow[]> {
    return store.listIndicators(this.db);
  }

  /** The indicators a new profile may use. */
  async active(): Promise<IndicatorRow[]> {
    return store.activeIndicators(this.db);
  }

  async get(code: string): Promise<IndicatorRow> {
    const found = INDICATOR_CODE.test(code) ? await store.findIndicator(this.db, code) : undefined;
    if (!found) throw new NotFoundError();
    return found;
  }

  /** A local indicator, for its edit page; shipped ones have no edit page. */
  async getLocal(code: string): Promise<IndicatorRow> {
    const found = await this.get(code);
    if (found.source !== 'local') throw new NotFoundError();
    return found;
  }

  async profilesRecording(code: string): Promise<number> {
    return store.profilesRecording(this.db, code);
  }

  /** The domains of a level and polarity a new indicator can join. */
  async domains(level: Level, polarity: Polarity): Promise<Domain[]> {
    const all = await store.listIndicators(this.db);
    return domainsOf(all.filter((i) => i.level === level && i.polarity === polarity));
  }

  /** Adds a local indicator; returns its code. */
  async add(who: Signed, input: NewIndicatorInput): Promise<string> {
    return this.db.transaction().execute(async (trx) => {
      const all = await store.listIndicators(trx);
      const kind = all.filter((i) => i.level === input.level && i.polarity === input.polarity);
      const domains = domainsOf(kind);
      let domain: { code: string; name: string };
      if (input.domainCode === null) {
        const named = domains.find((d) => sameWording(d.name, input.newDomain));
        if (named)
          throw new RuleError(
            `There is already a domain called “${named.name}” (${named.code}): choose it above`,
            'newDomain',
          );
        domain = {
          code: nextLocalDomainCode(
            input.level,
            input.polarity,
            all.map((i) => i.domain_code),
          ),
          name: input.newDomain,
        };
      } else {
        const chosen = domains.find((d) => d.code === input.domainCode);
        if (!chosen) throw new RuleError('Choose one of the domains listed, or a new domain', 'domain');
        const twin = kind.find((i) => i.domain_code === chosen.code && sameWording(i.wording, input.wording));
        if (twin)
          throw new RuleError(
            `${twin.code} in this domain already says this${twin.retired_at ? ' (it is retired: reinstate it instead)' : ''}`,
            'wording',
          );
        domain = chosen;
      }
      const code = nextLocalCode(
        domain.code,
        all.map((i) => i.code),
      );
      const row = {
        code,
        level: input.level,
        polarity: input.polarity,
        domain_code: domain.code,
        domain: domain.name,
        wording: input.wording,
      };
      await store.insertLocalIndicator(trx, row);
      await this.audit.record(trx, who, 'indicator.added', {
        projectId: null,
        subjectType: 'indicator',
        subjectId: code,
        details: { after: row },
      });
      return code;
    });
  }

  /** Corrects a local indicator's wording; the shipped catalogue's wording is fixed. */
  async changeWording(who: Signed, code: string, version: number, wording: string): Promise<void> {
    const before = await this.getLocal(code);
    const all = await store.listIndicators(this.db);
    const twin = all.find(
      (i) => i.code !== code && i.domain_code === before.domain_code && sameWording(i.wording, wording),
    );
    if (twin) throw new RuleError(`${twin.code} in this domain already says this`, 'wording');
    await this.db.transaction().execute(async (trx) => {
      if (!(await store.updateLocalWording(trx, code, version, wording)))
        throw new ConflictError(await store.findIndicator(trx, code));
      await this.audit.record(trx, who, 'indicator.updated', {
        projectId: null,
        subjectType: 'indicator',
        subjectId: code,
        details: { before: { wording: before.wording }, after: { wording } },
      });
    });
  }

  /** Retires an indicator: kept, still shown in history, no longer offered. The reason is audited. */
  async retire(who: Signed, code: string, version: number, reason: string): Promise<void> {
    const before = await this.get(code);
    if (before.retired_at) throw new ConflictError(before);
    await this.db.transaction().execute(async (trx) => {
      if (!(await store.setRetired(trx, code, version, nowIso())))
        throw new ConflictError(await store.findIndicator(trx, code));
      await this.audit.record(trx, who, 'indicator.retired', {
        projectId: null,
        subjectType: 'indicator',
        subjectId: code,
        details: { reason },
      });
    });
  }

  async reinstate(who: Signed, code: string, version: number): Promise<void> {
    const before = await this.get(code);
    if (!before.retired_at) throw new ConflictError(before);
    await this.db.transaction().execute(async (trx) => {
      if (!(await store.setRetired(trx, code, version, null)))
        throw new ConflictError(await store.findIndicator(trx, code));
      await this.audit.record(trx, who, 'indicator.reinstated', {
        projectId: null,
        subjectType: 'indicator',
        subjectId: code,
        details: { before: { retired_at: before.retired_at } },
      });
    });
  }
}
