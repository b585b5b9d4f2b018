import { z } from 'zod';
import { addError, field, formString, inPageOrder, parseForm, type FormErrors } from '../lib/forms.ts';
import { LEVELS, POLARITIES, type Level, type Polarity } from './rules.ts';

/** The forms of the indicator catalogue pages. */

/** The value of the domain choice that asks for a new domain. */
export const NEW_DOMAIN = 'new';

const level = formString(
  z.enum(LEVELS, { message: 'Choose whether the indicator is about the family, an adult or a child' }),
);
const polarity = formString(
  z.enum(POLARITIES, { message: 'Choose whether the indicator is a risk or a strength' }),
);
const wording = formString(
  z
    .string()
    .trim()
    .transform((v) => v.replace(/\s+/g, ' '))
    .pipe(
      z
        .string()
        .min(1, 'Enter the indicator’s wording')
        .max(300, 'The wording must be 300 characters or fewer'),
    ),
);

export const kindSchema = z.object({ level, polarity });

export interface IndicatorKind {
  level: Level;
  polarity: Polarity;
}

export interface NewIndicatorInput extends IndicatorKind {
  /** An existing domain's code, or null for a new domain called `newDomain`. */
  domainCode: string | null;
  newDomain: string;
  wording: string;
}

const newSchema = z.object({
  level,
  polarity,
  domain: formString(z.string().min(1, 'Choose the domain, or a new domain')),
  newDomain: formString(z.string().trim()),
  wording,
});

/** The first step of adding an indicator: its level and polarity. */
export function readKind(
  body: unknown,
): { ok: true; data: IndicatorKind } | { ok: false; errors: FormErrors } {
  const form = parseForm(kindSchema, body);
  return form.ok ? form : { ok: false, errors: inPageOrder(form.errors, ['level', 'polarity']) };
}

/** The whole form for a new local indicator; whether the domain exists is the service's to say. */
export function readNewIndicator(
  body: unknown,
): { ok: true; data: NewIndicatorInput } | { ok: false; errors: FormErrors } {
  const form = parseForm(newSchema, body, { domain: 'domain' });
  const errors = form.ok ? { fields: {}, list: [] } : form.errors;
  // Checked whatever else is wrong, so every error shows at once.
  const newDomain = field(body, 'newDomain').trim();
  if (field(body, 'domain') === NEW_DOMAIN) {
    if (!newDomain) addError(errors, 'newDomain', 'Enter the name of the new domain');
    else if (newDomain.length > 120)
      addError(errors, 'newDomain', 'The domain’s name must be 120 characters or fewer');
  }
  if (!form.ok || errors.list.length)
    return {
      ok: false,
      errors: inPageOrder(errors, ['level', 'polarity', 'domain', 'newDomain', 'wording']),
    };
  const d = form.data;
  return {
    ok: true,
    data: {
      level: d.level,
      polarity: d.polarity,
      domainCode: d.domain === NEW_DOMAIN ? null : d.domain,
      newDomain: d.domain === NEW_DOMAIN ? d.newDomain.replace(/\s+/g, ' ') : '',
      wording: d.wording,
    },
  };
}

export const wordingSchema = z.object({ wording });

export const retireSchema = z.object({
  reason: formString(
    z
      .string()
      .trim()
      .min(1, 'Say why the indicator is being retired')
      .max(500, 'The reason must be 500 characters or fewer'),
  ),
});
