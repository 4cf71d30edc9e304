import type { AgreementStore, CallStore, CompanyStore, FundAgreementStore, NonceStore } from './company-ports';
import type { OrderIntakeDeps } from './deps';

/** What the company, agreement and phone-line use cases need, besides the orders (built in main.ts). */
export interface CompanyDeps extends OrderIntakeDeps {
  companies: CompanyStore;
  agreements: AgreementStore;
  fundAgreements: FundAgreementStore;
  calls: CallStore;
  nonces: NonceStore;
  /** A uniform whole number in [0, max): the reference numbers' draws (crypto.randomInt). */
  randomInt: (max: number) => number;
  /** The telephony webhook: its secret (none: the webhook is switched off) and how far a timestamp may be off. */
  telephony: { secret: string | undefined; toleranceSeconds: number };
}
