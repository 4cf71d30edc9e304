import { aggregateFields } from '@rs/db';
import { type Connection, Schema } from 'mongoose';

/**
 * Companies, their agreements, the phone line's call log and the telephony webhook's nonces.
 * Agreements send their event for reporting, so they are written through the change log; the
 * others send nothing and are written by a plain unique-key insert.
 */
const companySchema = new Schema(
  {
    _id: { type: String, required: true },
    cvr: { type: String, required: true, index: true },
    pNumber: { type: String },
    name: { type: String, required: true },
    /** Normalised name (domain/company-name.ts): prefix search with an anchored regex. */
    nameKey: { type: String, required: true, index: true },
    address: { type: Schema.Types.Mixed, required: true },
    municipality: { type: Number, required: true },
    leadJobcentre: { type: Number, required: true, index: true },
    leadChosen: { type: Boolean, required: true },
    cooperation: { type: String, default: null },
    contacts: { type: [Schema.Types.Mixed], default: [] },
    createdAt: { type: String, required: true },
    createdBy: { type: String, required: true },
    /** Changes since registration (domain/company-change.ts), appended with `$push … $each`. */
    history: { type: [Schema.Types.Mixed], default: undefined },
    /** 1 at registration, +1 per change (the ETag); written only by the holder of the change's claim below. */
    version: { type: Number },
  },
  { collection: 'companies', versionKey: false },
);

/**
 * One document per change of a company (_id = `<companyId>@<version>`, the version it makes): the
 * unique-key insert elects the one change from a version — a guarded update is not atomic on
 * FerretDB (two PATCHes from the same version would both win). `at` tells a claim left by a crash
 * from one being applied.
 */
const companyChangeSchema = new Schema(
  {
    _id: { type: String, required: true },
    companyId: { type: String, required: true },
    version: { type: Number, required: true },
    at: { type: String, required: true },
  },
  { collection: 'company_changes', versionKey: false },
);

const agreementSchema = new Schema(
  {
    _id: { type: String, required: true },
    companyId: { type: String, required: true, index: true },
    leadJobcentre: { type: Number, required: true },
    cooperation: { type: String, default: null },
    period: { type: Schema.Types.Mixed, required: true },
    expectedHires: { type: Number, required: true },
    terms: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: String, required: true },
    createdBy: { type: String, required: true },
    ...aggregateFields,
  },
  { collection: 'recruitment_agreements', versionKey: false },
);

const fundAgreementSchema = new Schema(
  {
    _id: { type: String, required: true },
    fund: { type: String, required: true },
    cooperation: { type: String, required: true, index: true },
    period: { type: Schema.Types.Mixed, required: true },
    contact: { type: Schema.Types.Mixed, required: true },
    notes: { type: String, default: '' },
    createdAt: { type: String, required: true },
    createdBy: { type: String, required: true },
    ...aggregateFields,
  },
  { collection: 'fund_agreements', versionKey: false },
);

const callSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** Unique: the insert that meets a taken reference draws another. */
    reference: { type: String, required: true, unique: true },
    receivedAt: { type: String, required: true, index: true },
    recordedAt: { type: String, required: true },
    recordedBy: { type: String, required: true },
    source: { type: String, required: true },
    caller: { type: Schema.Types.Mixed, default: {} },
    company: { type: Schema.Types.Mixed },
    need: { type: String, required: true },
    note: { type: String, default: '' },
    outcome: { type: String, required: true },
    orderId: { type: String },
    routedTo: { type: Number, index: true },
    cooperation: { type: String, default: null },
    telephonyCallId: { type: String },
    requestHash: { type: String },
    resolvedAt: { type: String },
    resolvedBy: { type: String },
    resolutionHash: { type: String },
  },
  { collection: 'calls', versionKey: false },
);

/** One document per nonce the webhook accepted (_id = nonce); pruned once its timestamp would be stale anyway. */
const nonceSchema = new Schema(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true, index: true },
  },
  { collection: 'webhook_nonces', versionKey: false },
);

/**
 * One document per resolved call (_id = `resolution-<callId>`): the unique-key insert elects the
 * one resolution of a call — a guarded update is not atomic on FerretDB (two racing operators
 * would both win). `requestHash` lets a retry of the winning request complete it.
 */
const callResolutionSchema = new Schema(
  {
    _id: { type: String, required: true },
    requestHash: { type: String, required: true },
    at: { type: String, required: true },
  },
  { collection: 'call_resolutions', versionKey: false },
);

export function companyModels(connection: Connection) {
  return {
    companies: connection.model('Company', companySchema),
    companyChanges: connection.model('CompanyChange', companyChangeSchema),
    recruitmentAgreements: connection.model('RecruitmentAgreement', agreementSchema),
    fundAgreements: connection.model('FundAgreement', fundAgreementSchema),
    calls: connection.model('Call', callSchema),
    webhookNonces: connection.model('WebhookNonce', nonceSchema),
    callResolutions: connection.model('CallResolution', callResolutionSchema),
  };
}
export type CompanyModels = ReturnType<typeof companyModels>;
