// Municipalities, regions, jobcentres, cooperations and escalation scopes, embedded (nothing is
// read at run time), with pure look-ups.
export type {
  Cooperation,
  CooperationId,
  Jobcentre,
  Municipality,
  Region,
  ReplyWindowMode,
  Scope,
  ScopeId,
} from './types';
export { allCooperations, cooperation, cooperationOf } from './cooperations';
export {
  type CooperationSeed,
  cooperationSeeds,
  SEED_AUTHOR,
  SEED_TIME,
  SHARED_SCREENING_PRINCIPLES,
} from './cooperation-seed';
export { allJobcentres, isJobcentre, jobcentre } from './jobcentres';
export { allMunicipalities, allRegions, jobcentreForMunicipality, municipality, region } from './municipalities';
export { allScopes, nextScope, recipientsFor, scope, type RecipientOptions } from './scopes';
export { jobcentreFromUsername, jobcentreUsername } from './usernames';
