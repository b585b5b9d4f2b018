import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { NODE_MODULES, SRC } from './paths.ts';

/**
 * Long work from the web pages (profile imports) runs in a process of its own, with its own
 * database connection, so pages stay quick while it runs. The job's row is where the two meet:
 * the worker records its progress there and the pages read it.
 */

const WORKER = path.join(SRC, 'app', 'job-worker.ts');
const TSX = pathToFileURL(path.join(NODE_MODULES, 'tsx', 'dist', 'loader.mjs')).href;

export interface JobProcessSettings {
  /** The environment the worker reads its configuration from (DATABASE_URL, IMPORTS_DIR). */
  env: Record<string, string>;
  /** Called when a worker ends, however it ends; the job may not have finished. */
  onExit?: (jobId: number) => void;
}

/** Starts a worker for one job; returns at once. */
export function jobLauncher(settings: JobProcessSettings): (jobId: number) => void {
  return (jobId) => {
    const child = spawn(process.execPath, ['--import', TSX, WORKER, String(jobId)], {
      env: { ...process.env, ...settings.env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('exit', () => settings.onExit?.(jobId));
    child.on('error', () => settings.onExit?.(jobId));
  };
}
