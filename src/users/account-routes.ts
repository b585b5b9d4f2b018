import { z } from 'zod';
import type { Route } from '../app/routing.ts';
import { queryValue } from '../app/routing.ts';
import { addError, emptyErrors, field, formString, parseForm } from '../lib/forms.ts';
import { LOCKOUT_ATTEMPTS, LOCKOUT_MINUTES } from './rules.ts';

const signInForm = z.object({
  email: formString(
    z
      .string()
      .trim()
      .min(1, 'Enter your email address')
      .max(200, 'Email address must be 200 characters or fewer'),
  ),
  password: formString(
    z.string().min(1, 'Enter your password').max(200, 'Password must be 200 characters or fewer'),
  ),
});

const passwordForm = z.object({
  currentPassword: formString(z.string().min(1, 'Enter your current password')),
  newPassword: formString(z.string().min(1, 'Enter a new password')),
  confirmPassword: formString(z.string().min(1, 'Confirm your new password')),
});

/**
 * Only same-site paths are followed after sign-in, so a link cannot send people elsewhere; only
 * printable ASCII, because anything else cannot be written into a Location header.
 */
export function safeNext(next: string): string {
  return /^\/(?![/\\])[\x21-\x7e]*$/.test(next) && !next.includes('\\') ? next : '/';
}

export const accountRoutes: Route[] = [
  {
    method: 'GET',
    url: '/sign-in',
    permission: 'public',
    audit: 'none',
    handler: async ({ req, reply }) => {
      if (req.actor) return reply.redirect('/', 303);
      const notice = req.session.get('notice');
      if (notice) req.session.set('notice', undefined);
      return reply.render('users/views/sign-in.njk', {
        values: {},
        next: safeNext(queryValue(req, 'next')),
        notice,
      });
    },
  },
  {
    method: 'POST',
    url: '/sign-in',
    permission: 'public',
    audit: 'sign-in.succeeded',
    rateLimit: { perAccount: 10, perAddress: 60, timeWindow: 60_000 },
    handler: async ({ req, reply, services }) => {
      const next = safeNext(field(req.body, 'next'));
      const values = { email: field(req.body, 'email') };
      const form = parseForm(signInForm, req.body);
      if (!form.ok)
        return reply.code(400).render('users/views/sign-in.njk', { values, next, errors: form.errors });
      const result = await services.accounts.signIn(form.data.email, form.data.password, req.ip);
      if (!result.ok) {
        const text = `Enter a correct email address and password. After ${LOCKOUT_ATTEMPTS} wrong attempts, signing in to that account is paused for ${LOCKOUT_MINUTES} minutes.`;
        return reply.code(400).render('users/views/sign-in.njk', {
          values,
          next,
          errors: addError(emptyErrors(), 'email', text),
        });
      }
      // A fresh session id on sign-in, so an id planted before sign-in is worthless.
      await req.session.regenerate();
      const now = Date.now();
      req.session.set('userId', result.user.id);
      req.session.set('signedInAt', now);
      req.session.set('lastSeenAt', now);
      req.session.set('mustChangePassword', result.user.must_change_password === 1);
      return reply.redirect(result.user.must_change_password ? '/account/password' : next, 303);
    },
  },
  {
    method: 'POST',
    url: '/sign-out',
    permission: 'signed-in',
    audit: 'sign-out',
    handler: async ({ req, reply, actor, services }) => {
      await services.accounts.recordSignOut({ actor, ip: req.ip });
      await req.session.destroy();
      return reply.redirect('/sign-in', 303);
    },
  },
  {
    method: 'GET',
    url: '/account/password',
    permission: 'signed-in',
    audit: 'none',
    handler: async ({ req, reply }) => {
      const flash = req.session.get('flash');
      if (flash) req.session.set('flash', undefined);
      return reply.render('users/views/change-password.njk', {
        mustChange: req.session.get('mustChangePassword'),
        flash,
      });
    },
  },
  {
    method: 'POST',
    url: '/account/password',
    permission: 'signed-in',
    audit: 'user.password-changed',
    handler: async ({ req, reply, actor, services }) => {
      const form = parseForm(passwordForm, req.body);
      const mustChange = req.session.get('mustChangePassword');
      if (!form.ok)
        return reply.code(400).render('users/views/change-password.njk', { errors: form.errors, mustChange });
      if (form.data.newPassword !== form.data.confirmPassword) {
        return reply.code(400).render('users/views/change-password.njk', {
          errors: addError(emptyErrors(), 'confirmPassword', 'The passwords do not match'),
          mustChange,
        });
      }
      const problem = await services.accounts.changePassword(
        { actor, ip: req.ip },
        form.data.currentPassword,
        form.data.newPassword,
      );
      if (problem) {
        return reply.code(400).render('users/views/change-password.njk', {
          errors: addError(emptyErrors(), problem.field, problem.text),
          mustChange,
        });
      }
      req.session.set('mustChangePassword', false);
      req.session.set('flash', { text: 'Your password has been changed' });
      return reply.redirect(mustChange ? '/' : '/account/password', 303);
    },
  },
];
