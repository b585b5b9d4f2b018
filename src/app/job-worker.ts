import { loadConfig } from './config.ts';
import { connect } from './db/connect.ts';
import { createServices } from './services.ts';

/** A job's own process (see `jobs.ts`): `job-worker.ts <job id>` runs it and exits. */
const jobId = Number(process.argv[2]);
const config = loadConfig();
const db = connect(config.DATABASE_URL);
try {
  await createServices(db, { importsDir: config.IMPORTS_DIR }).importJobs.run(jobId);
} catch (e) {
  console.error(`Import job ${jobId} failed:`, e);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
