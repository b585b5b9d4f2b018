import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Db } from '../app/db/connect.ts';
import type { AuditService, Who } from '../audit/service.ts';
import { nowIso } from '../lib/dates.ts';
import { NotFoundError, RuleError } from '../lib/errors.ts';
import { toActor } from '../users/account-service.ts';
import type { Actor } from '../users/policy.ts';
import * as users from '../users/store.ts';
import * as jobs from './job-store.ts';
import { writeRejects } from './reader.ts';
import type { ImportOptions, ImportService, ImportSummary } from './service.ts';

type Signed = Who & { actor: Actor };

/** Where uploads wait for their job, and how a job is started in its own process. */
export interface JobSettings {
  /** Folder for uploaded files and the rows each import refused. */
  dir: string;
  /** Runs a queued job away from the web server's process; absent, jobs stay queued. */
  launch?: (jobId: number) => void;
}

/** How many refused rows a job's page lists; the download has them all. */
export const ERRORS_SHOWN = 50;

export interface JobReport extends Partial<ImportSummary> {
  phase?: 'checking' | 'loading';
  errors?: Array<{ line: number; reason: string }>;
  errorCount?: number;
  rejects?: boolean;
  message?: string;
}

interface JobOptions extends ImportOptions {
  /** The name the job's files go by in the imports folder. */
  file: string;
}

export const jobOptions = (job: { options: string }) => JSON.parse(job.options) as JobOptions;
export const jobReport = (job: { report: string }) => JSON.parse(job.report) as JobReport;

/** Profile imports from the upload page: each runs as a job, its progress and report kept. */
export class ImportJobService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly imports: ImportService,
    private readonly settings: JobSettings,
  ) {}

  private upload(options: JobOptions) {
    return path.join(this.settings.dir, `${options.file}.csv`);
  }

  private rejects(options: JobOptions) {
    return path.join(this.settings.dir, `${options.file}-rejects.csv`);
  }

  async list(actor: Actor, projectId: number) {
    const project = await this.imports.project(actor, projectId);
    const rows = await jobs.listJobs(this.db, project.id);
    return { project, jobs: rows.map((j) => ({ ...j, report: jobReport(j) })) };
  }

  async view(actor: Actor, projectId: number, jobId: number) {
    const project = await this.imports.project(actor, projectId);
    const job = await jobs.findJob(this.db, jobId, project.id);
    if (!job) throw new NotFoundError();
    return { project, job: { ...job, options: jobOptions(job), report: jobReport(job) } };
  }

  /** Takes an uploaded file (moved into the imports folder) and queues its import. */
  async start(
    who: Signed,
    projectId: number,
    upload: { path: string; name: string },
    options: ImportOptions,
  ): Promise<number> {
    const project = await this.imports.project(who.actor, projectId);
    if (await jobs.unfinishedJob(this.db, project.id))
      throw new RuleError('Another import into this project has not finished yet: wait for it first', 'file');
    const file = randomBytes(12).toString('hex');
    const stored: JobOptions = { ...options, file };
    fs.mkdirSync(this.settings.dir, { recursive: true });
    fs.copyFileSync(upload.path, this.upload(stored));
    const id = await this.queue(who, project.id, upload.name, stored).catch((e: unknown) => {
      fs.rmSync(this.upload(stored), { force: true });
      throw e;
    });
    this.settings.launch?.(id);
    return id;
  }

  private async queue(who: Signed, projectId: number, name: string, stored: JobOptions): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const id = await jobs.insertJob(trx, {
        project_id: projectId,
        kind: 'profiles',
        file_name: name,
        options: JSON.stringify(stored),
        started_by: who.actor.id > 0 ? who.actor.id : null,
      });
      await this.audit.record(trx, who, 'profiles.import-started', {
        projectId,
        subjectType: 'import',
        subjectId: id,
        details: {
          file: name,
          create_families: stored.createFamilies,
          valid_rows_only: stored.validRowsOnly,
        },
      });
      return id;
    });
  }

  /** Runs a queued job: checks, writes the refused rows for download, loads. */
  async run(jobId: number): Promise<void> {
    const job = await jobs.findJob(this.db, jobId);
    if (!job || job.status !== 'queued') return;
    if (!(await jobs.updateJob(this.db, jobId, { status: 'running' }, ['queued']))) return;
    const options = jobOptions(job);
    const upload = this.upload(options);
    try {
      const user = job.started_by ? await users.findById(this.db, job.started_by) : undefined;
      if (!user) throw new Error('the person who started the import no longer has an account');
      const who = { actor: toActor(user), ip: null };
      const project = await this.imports.project(who.actor, job.project_id);
      let last = 0;
      const checked = await this.imports.check(
        project,
        { path: upload, name: job.file_name },
        options,
        async (p) => {
          if (Date.now() - last < 500 && p.done < p.total) return;
          last = Date.now();
          await jobs.updateJob(this.db, jobId, {
            total_rows: Math.max(p.total, p.done),
            processed_rows: p.done,
            report: JSON.stringify({ phase: 'checking' }),
          });
        },
      );
      const { file } = checked;
      const errors = file.sortedErrors();
      if (errors.length) await writeRejects(upload, this.rejects(options), file.errors);
      const report = (summary: ImportSummary): JobReport => ({
        ...summary,
        errors: errors.slice(0, ERRORS_SHOWN),
        errorCount: errors.length,
        rejects: errors.length > 0,
      });
      const finish = (summary: ImportSummary) => ({
        status: summary.status,
        total_rows: file.rows,
        processed_rows: file.rows,
        report: JSON.stringify(report(summary)),
        finished_at: nowIso(),
      });
      const summary = await this.imports.load(
        who,
        checked,
        async (p) => {
          if (p.phase === 'loading' && p.done === 0)
            await jobs.updateJob(this.db, jobId, {
              total_rows: p.total,
              processed_rows: 0,
              report: JSON.stringify({ phase: 'loading' }),
            });
        },
        // The job is marked loaded in the same transaction as the profiles: both or neither.
        // A job marked failed meanwhile (abandoned at a restart) rolls its rows back.
        async (trx, s) => {
          if (!(await jobs.updateJob(trx, jobId, finish(s), ['running'])))
            throw new Error('the import was stopped while it was loading');
        },
      );
      if (summary.status === 'rejected') await jobs.updateJob(this.db, jobId, finish(summary));
    } catch (e) {
      await jobs.updateJob(this.db, jobId, {
        status: 'failed',
        report: JSON.stringify({
          message: `The import failed (${e instanceof Error ? e.message : String(e)}). Nothing was loaded.`,
        }),
        finished_at: nowIso(),
      });
      throw e;
    } finally {
      fs.rmSync(upload, { force: true });
    }
  }

  /** A job whose process ended without finishing it: nothing of it was written. */
  async stopped(jobId: number): Promise<void> {
    await jobs.updateJob(
      this.db,
      jobId,
      {
        status: 'failed',
        report: JSON.stringify({ message: 'The import stopped before it finished. Nothing was loaded.' }),
        finished_at: nowIso(),
      },
      ['queued', 'running'],
    );
  }

  /** The refused rows of a job as CSV, for its download; written to the audit trail. */
  async rejectsFile(who: Signed, projectId: number, jobId: number) {
    const { project, job } = await this.view(who.actor, projectId, jobId);
    const file = this.rejects(job.options);
    if (!job.report.rejects || !fs.existsSync(file)) throw new NotFoundError();
    await this.audit.recordAlone(who, 'profiles.rejects-downloaded', {
      projectId: project.id,
      subjectType: 'import',
      subjectId: job.id,
      details: { file: job.file_name },
    });
    return { path: file, name: `${job.file_name.replace(/\.csv$/i, '')}-rejects.csv` };
  }
}
