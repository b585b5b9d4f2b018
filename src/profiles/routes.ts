import type { Timepoint } from '../app/db/schema.ts';
import { formVersion, redirectWithFlash, renderConflict, saveOrExplain, who } from '../app/form-pages.ts';
import { idParam, type Route, type RouteContext } from '../app/routing.ts';
import { NotFoundError } from '../lib/errors.ts';
import { PROFILE_ANCHORS, readEdit, readRecording } from './forms.ts';
import { listPage, profilePage, recordPage } from './pages.ts';
import { TIMEPOINTS } from './rules.ts';
import type { Profile } from './store.ts';

function timepointParam(ctx: RouteContext): Timepoint {
  const t = (ctx.req.params as { timepoint?: string }).timepoint ?? '';
  if (!Object.hasOwn(TIMEPOINTS, t)) throw new NotFoundError();
  return t as Timepoint;
}

export const profileRoutes: Route[] = [
  {
    method: 'GET',
    url: '/families/:id/profiles',
    permission: 'family:read',
    audit: 'family.viewed',
    handler: async (ctx) => listPage(ctx, idParam(ctx.req)),
  },
  {
    method: 'GET',
    url: '/families/:id/profiles/record/:timepoint',
    permission: 'profile:write',
    audit: 'family.viewed',
    handler: async (ctx) => {
      const familyId = idParam(ctx.req);
      const timepoint = timepointParam(ctx);
      const family = await ctx.services.families.forEdit(ctx.actor, familyId);
      await ctx.services.families.recordView(who(ctx), family, `record ${timepoint} profile`);
      return recordPage(ctx, familyId, timepoint);
    },
  },
  {
    method: 'POST',
    url: '/families/:id/profiles/record/:timepoint',
    permission: 'profile:write',
    audit: 'profile.recorded',
    handler: async (ctx) => {
      const familyId = idParam(ctx.req);
      const timepoint = timepointParam(ctx);
      const values = ctx.req.body as Record<string, unknown>;
      const form = await ctx.services.profiles.forRecording(ctx.actor, familyId, timepoint);
      const input = readRecording(
        values,
        form.subjects.map((s) => s.key),
      );
      if (!input.ok) return recordPage(ctx, familyId, timepoint, { errors: input.errors, values });
      let count = 0;
      const failed = await saveOrExplain(
        ctx.reply,
        async () => {
          count = await ctx.services.profiles.record(who(ctx), familyId, { timepoint, ...input.data });
        },
        (errors) => recordPage(ctx, familyId, timepoint, { errors, values }),
        () => ctx.reply,
        PROFILE_ANCHORS,
      );
      if (failed) return failed;
      const what = `${count === 1 ? 'One' : count} ${timepoint} profile${count === 1 ? '' : 's'}`;
      return redirectWithFlash(ctx, `/families/${familyId}/profiles`, `${what} recorded`);
    },
  },
  {
    method: 'GET',
    url: '/families/:id/profiles/:profileId',
    permission: 'family:read',
    audit: 'family.viewed',
    handler: async (ctx) => profilePage(ctx, idParam(ctx.req), idParam(ctx.req, 'profileId')),
  },
  {
    method: 'POST',
    url: '/families/:id/profiles/:profileId',
    permission: 'profile:write',
    audit: 'profile.edited',
    handler: async (ctx) => {
      const familyId = idParam(ctx.req);
      const profileId = idParam(ctx.req, 'profileId');
      await ctx.services.families.forEdit(ctx.actor, familyId);
      const values = ctx.req.body as Record<string, unknown>;
      const input = readEdit(values);
      if (!input.ok) return profilePage(ctx, familyId, profileId, { errors: input.errors, values });
      const failed = await saveOrExplain(
        ctx.reply,
        () => ctx.services.profiles.edit(who(ctx), familyId, profileId, formVersion(ctx.req), input.data),
        (errors) => profilePage(ctx, familyId, profileId, { errors, values }),
        (current) => {
          // Both versions side by side; re-applying sends the user's values over the current version.
          const now = current as Profile;
          const list = (codes: string[]) => [...codes].sort().join(', ') || 'None';
          return renderConflict(ctx.reply, {
            title: 'Someone else has changed this profile',
            recordName: `${TIMEPOINTS[now.timepoint]} profile`,
            action: `/families/${familyId}/profiles/${profileId}`,
            cancel: `/families/${familyId}/profiles/${profileId}`,
            version: now.version,
            body: values,
            rows: [
              { label: 'Date', yours: input.data.recorded_on, theirs: now.recorded_on },
              { label: 'Evidence', yours: input.data.evidence_source, theirs: now.evidence_source },
              { label: 'Indicators present', yours: list(input.data.present), theirs: list(now.present) },
            ],
          });
        },
        PROFILE_ANCHORS,
      );
      if (failed) return failed;
      return redirectWithFlash(
        ctx,
        `/families/${familyId}/profiles/${profileId}`,
        'Profile changed; the earlier version is kept below',
      );
    },
  },
];
