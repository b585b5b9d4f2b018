#!/usr/bin/env node
// Runs the TypeScript CLI directly, so `npx hearth` works without a build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/app/cli.ts');
await runCli(process.argv);
