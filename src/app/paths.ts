import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whichever folder the process was started from. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SRC = path.join(ROOT, 'src');
export const PUBLIC = path.join(ROOT, 'public');
export const NODE_MODULES = path.join(ROOT, 'node_modules');
