import fs from 'node:fs';
import path from 'node:path';
import * as sass from 'sass';
import { NODE_MODULES, PUBLIC, ROOT, SRC } from '../paths.ts';

const GOVUK = path.join(NODE_MODULES, 'govuk-frontend', 'dist');
const MOJ = path.join(NODE_MODULES, '@ministryofjustice', 'frontend');

/** Compiles the stylesheet and copies scripts and images into public/, served at /assets. */
export function buildAssets(): void {
  fs.mkdirSync(path.join(PUBLIC, 'images'), { recursive: true });
  const css = sass.compile(path.join(SRC, 'app', 'assets', 'hearth.scss'), {
    loadPaths: [ROOT, GOVUK, MOJ],
    style: 'compressed',
    quietDeps: true,
    silenceDeprecations: ['import', 'global-builtin'],
  });
  // MOJ's bundled copy of the GOV.UK settings keeps the default font stack; Hearth uses Arial only.
  fs.writeFileSync(path.join(PUBLIC, 'hearth.css'), css.css.replaceAll('"GDS Transport",arial', 'arial'));
  fs.copyFileSync(path.join(SRC, 'app', 'assets', 'hearth.js'), path.join(PUBLIC, 'hearth.js'));
  fs.copyFileSync(
    path.join(GOVUK, 'govuk', 'govuk-frontend.min.js'),
    path.join(PUBLIC, 'govuk-frontend.min.js'),
  );
  fs.copyFileSync(path.join(MOJ, 'moj', 'moj-frontend.min.js'), path.join(PUBLIC, 'moj-frontend.min.js'));
  for (const image of ['favicon.ico', 'favicon.svg']) {
    fs.copyFileSync(path.join(GOVUK, 'govuk', 'assets', 'images', image), path.join(PUBLIC, 'images', image));
  }
  fs.cpSync(path.join(MOJ, 'moj', 'assets', 'images'), path.join(PUBLIC, 'images'), { recursive: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildAssets();
  console.log(`Assets built in ${PUBLIC}`);
}
