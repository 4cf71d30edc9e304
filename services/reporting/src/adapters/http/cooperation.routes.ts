import { CooperationState, Day, ScreeningPrinciple } from '@rs/contracts';
import { HttpError, mountRoutes, route } from '@rs/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import { changeCooperation, type CooperationDeps, createCooperation } from '../../app/cooperations';
import { nextChairRotation } from '../../domain/cooperation';

const Jobcentre = z.number().int().min(100).max(999);
const CooperationId = z.string().regex(/^[A-Z]{2,10}$/, 'a cooperation id such as HRS / et samarbejdes id, fx HRS');
const IdParams = z.object({ id: CooperationId });
const Version = z.object({ state: CooperationState, changed: z.array(z.string()) });
const Detail = z.object({ cooperation: CooperationState, nextChairRotation: Day.nullable(), history: z.array(Version) });

const Reason = z.string().trim().min(3, 'say why, at least 3 characters / angiv hvorfor, mindst 3 tegn').max(1000);
const Office = z.strictObject({ jobcentre: Jobcentre.nullable(), since: Day });
const Chair = z.strictObject({ jobcentre: Jobcentre.nullable(), since: Day, rotationYears: z.number().int().min(1).max(10).optional() });
const Targets = z.strictObject({
  placementsPerYear: z.number().int().min(0).max(100_000).nullable().optional(),
  unfilledOrders: z.number().int().min(0).max(100_000).nullable().optional(),
});
const ReplyWindow = z.strictObject({
  hours: z.number().int().min(1).max(720).optional(),
  mode: z.enum(['working-time', 'clock']).optional(),
});
const Escalation = z.strictObject({ autoEscalate: z.boolean().optional(), notifySecretariat: z.boolean().optional() });
const Principles = z.array(z.strictObject(ScreeningPrinciple.shape)).max(30);

/** A change: only the parts named change; `reason` says why (kept in the history). */
const ChangeBody = z.strictObject({
  expectedVersion: z.number().int().min(1).optional(),
  reason: Reason,
  secretariat: Office.optional(),
  chair: Chair.optional(),
  join: z.strictObject({ jobcentre: Jobcentre, from: Day }).optional(),
  leave: z.strictObject({ jobcentre: Jobcentre, from: Day }).optional(),
  targets: Targets.optional(),
  replyWindow: ReplyWindow.optional(),
  escalation: Escalation.optional(),
  screeningPrinciples: Principles.optional(),
});

/**
 * A new cooperation: its id, name and members (each from a day); what is left out takes the seed's
 * policies (48 h in working time, no automatic escalation, the shared screening principles, the
 * chair rotating every second year). An empty member list is the rules' to refuse (422 at the field).
 */
const CreateBody = z.strictObject({
  id: CooperationId,
  name: z.string().trim().min(1, 'name it / giv det et navn').max(200),
  established: Day.optional(),
  members: z.array(z.strictObject({ jobcentre: Jobcentre, from: Day })).max(98),
  secretariat: Office.optional(),
  chair: Chair.optional(),
  targets: Targets.optional(),
  replyWindow: ReplyWindow.optional(),
  escalation: Escalation.optional(),
  screeningPrinciples: Principles.optional(),
  reason: Reason,
});

const adminOnly = () =>
  new HttpError(403, 'forbidden', {
    en: 'Only an admin administers the cooperations',
    da: 'Kun en administrator administrerer samarbejderne',
  });
const refused = (refusals: { field: string; en: string; da: string }[], message: { en: string; da: string }) =>
  new HttpError(
    422,
    'change-refused',
    message,
    refusals.map((r) => ({ field: r.field, message: `${r.en} / ${r.da}` })),
  );
const notFound = () => new HttpError(404, 'not-found', { en: 'No cooperation with this id', da: 'Intet samarbejde med dette id' });

/**
 * R15: the cooperations as data, administered by an admin (issue 20, part 5). Every change is a
 * new version with who, when and why, published as cooperation.changed.
 */
export function cooperationRoutes(deps: CooperationDeps) {
  const list = route({
    method: 'get',
    path: '/cooperations',
    summary:
      'Every cooperation as it is now (members with their dates, secretariat, chair, targets, policies): read by every signed-in user; changed and its history read by admins only',
    tags: ['cooperations'],
    responses: { 200: { description: 'the cooperations', schema: z.array(CooperationState) } },
    // Who is a member, who hosts the secretariat and the policies are what the cooperation
    // agreements publish: every page that offers a cooperation's jobcentres (the web front has no
    // database of its own) reads them here. The history (who changed what, why) stays the admin's.
    handle: async () => {
      return { status: 200, body: await deps.cooperations.list() };
    },
  });
  const get = route({
    method: 'get',
    path: '/cooperations/:id',
    summary: 'One cooperation with its history: every version, who made it, when and why',
    tags: ['cooperations'],
    params: IdParams,
    responses: { 200: { description: 'the cooperation', schema: Detail } },
    handle: async ({ principal, params }) => {
      if (principal.role !== 'admin') throw adminOnly();
      const stored = await deps.cooperations.load(params.id);
      if (!stored) throw notFound();
      return {
        status: 200,
        body: {
          cooperation: stored.state,
          nextChairRotation: nextChairRotation(stored.state.chair),
          history: [...stored.history].reverse(),
        },
      };
    },
  });
  const change = route({
    method: 'post',
    path: '/cooperations/:id/changes',
    summary:
      'Changes a cooperation (a member joins or leaves from a day, the secretariat or chair moves, targets, reply window, escalation, screening principles); published as cooperation.changed. A change never alters an open round.',
    tags: ['cooperations'],
    params: IdParams,
    body: ChangeBody,
    creates: true,
    responses: {
      201: { description: 'the new version', schema: Version },
      200: { description: 'nothing changed: the cooperation as it is', schema: CooperationState },
    },
    handle: async ({ principal, params, body }) => {
      if (principal.role !== 'admin') throw adminOnly();
      const outcome = await changeCooperation(deps, params.id, body, principal.sub);
      switch (outcome.kind) {
        case 'not-found':
          throw notFound();
        case 'conflict':
          throw new HttpError(409, 'version-conflict', {
            en: `The cooperation changed meanwhile (now version ${outcome.current}); reload and try again`,
            da: `Samarbejdet er ændret imens (nu version ${outcome.current}); genindlæs og prøv igen`,
          });
        case 'refused':
          throw refused(outcome.refusals, { en: 'The change cannot apply', da: 'Ændringen kan ikke gennemføres' });
        case 'unchanged': {
          const stored = await deps.cooperations.load(params.id);
          return { status: 200, body: stored?.state };
        }
        case 'changed':
          return { status: 201, body: outcome.version };
        default: {
          const unhandled: never = outcome;
          throw new Error(`unhandled ${JSON.stringify(unhandled)}`);
        }
      }
    },
  });
  const create = route({
    method: 'post',
    path: '/cooperations',
    summary:
      'Creates a cooperation (e.g. one for Region Nordjylland, or any set of jobcentres up to all 98): its members from their days, secretariat, chair, targets and policies (left out: the seed policies); published as cooperation.changed (version 1), so every service follows it without a restart. A jobcentre is a member of one cooperation at a time.',
    tags: ['cooperations'],
    body: CreateBody,
    creates: true,
    responses: { 201: { description: 'the new cooperation’s first version', schema: Version } },
    handle: async ({ principal, body }) => {
      if (principal.role !== 'admin') throw adminOnly();
      const outcome = await createCooperation(deps, body, principal.sub);
      switch (outcome.kind) {
        case 'exists':
          throw new HttpError(409, 'already-exists', {
            en: `A cooperation with the id ${body.id} exists already`,
            da: `Der findes allerede et samarbejde med id'et ${body.id}`,
          });
        case 'refused':
          throw refused(outcome.refusals, { en: 'The cooperation cannot be created', da: 'Samarbejdet kan ikke oprettes' });
        case 'created':
          return { status: 201, body: outcome.version };
        default: {
          const unhandled: never = outcome;
          throw new Error(`unhandled ${JSON.stringify(unhandled)}`);
        }
      }
    },
  });
  return (router: Router) => mountRoutes(router, [list, create, get, change]);
}
