import fs from 'node:fs';
import { once } from 'node:events';
import { readCatalogue } from '../src/indicators/catalogue.ts';

/**
 * A valid profiles file of any size, the same every time: each family has its own profile and
 * two adults and two children, each with an entry and a review of `perProfile` indicators, so a
 * family is 10 × perProfile rows.
 */
export interface ProfileFileShape {
  families: number;
  perProfile?: number;
  /** Family references are `<prefix><number>`. */
  prefix?: string;
  /** Changes every `present` value of families whose number is a multiple of this. */
  flipEvery?: number;
}

export const rowsPerFamily = (perProfile = 10) => 10 * perProfile;

export async function writeProfileFile(file: string, shape: ProfileFileShape): Promise<number> {
  const { families, perProfile = 10, prefix = 'REF-', flipEvery = 0 } = shape;
  const catalogue = readCatalogue();
  const codes = (level: string) => catalogue.filter((c) => c.level === level).map((c) => c.code);
  const byLevel = { family: codes('family'), adult: codes('adult'), child: codes('child') };
  const subjects: Array<[string, keyof typeof byLevel]> = [
    ['', 'family'],
    ['A1', 'adult'],
    ['A2', 'adult'],
    ['C1', 'child'],
    ['C2', 'child'],
  ];
  const out = fs.createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('family_ref,member_ref,member_type,timepoint,recorded_on,indicator,present\n');
  let rows = 0;
  for (let f = 1; f <= families; f++) {
    const flip = flipEvery > 0 && f % flipEvery === 0 ? 1 : 0;
    let chunk = '';
    for (const [member, type] of subjects) {
      const list = byLevel[type];
      for (const [timepoint, on] of [
        ['entry', '2024-01-10'],
        ['review', '2024-07-10'],
      ] as const) {
        for (let k = 0; k < perProfile; k++) {
          const code = list[(f + k * 3) % list.length]!;
          const present = ((f + k + (timepoint === 'review' ? 1 : 0)) % 3 === 0 ? 1 : 0) ^ flip;
          chunk += `${prefix}${f},${member},${type},${timepoint},${on},${code},${present}\n`;
          rows++;
        }
      }
    }
    await write(chunk);
  }
  out.end();
  await once(out, 'finish');
  return rows;
}
