import type { AddressInfo } from 'node:net';
import { buildAssets } from '../../../src/app/assets/build.ts';
import { startApp, type TestApp } from '../../support/app.ts';

/** The app on a real port over a fresh SQLite database with the test world, for a browser to use. */
export async function startServer(): Promise<TestApp & { url: string }> {
  buildAssets();
  const t = await startApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  return { ...t, url: `http://127.0.0.1:${port}` };
}
