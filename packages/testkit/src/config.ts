/**
 * The test harness's environment, read in this one place: jest's global setup starts the
 * servers and exports their URLs here for the test workers (workers inherit the environment of
 * the process that runs the global setup), and child services get the harness's PATH.
 */
const SERVER_VARS = ['MONGO_URL', 'AMQP_URL', 'REDIS_URL', 'RABBITMQ_MGMT_URL'] as const;
export type ServerVar = (typeof SERVER_VARS)[number];

export function serverUrl(name: ServerVar): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through jest's global setup (npm test)`);
  return value;
}

/** Unit-test runs (`RS_SKIP_INFRA=1`) start no servers. */
export const skipInfra = (): boolean => process.env.RS_SKIP_INFRA === '1';

/** Exports the lines `NAME=value` of infra.sh's env file to the test workers. */
export function exportServerUrls(envFile: string): void {
  for (const line of envFile.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match?.[1] && match[2] !== undefined) process.env[match[1]] = match[2];
  }
}

/** The PATH a spawned service needs to find its runtime. */
export const childPath = (): string => process.env.PATH ?? '';

/** What the global setup hands the test workers about this run's identity service (test-issuer.ts reads it). */
export interface IdentityVars {
  /** The private signing key as a JWK (JSON). */
  signingJwk?: string;
  /** The identity service's issuer URL. */
  issuer?: string;
  /** The port the identity service expects the web front on. */
  webPort?: number;
}

export function exportIdentityVars(vars: Required<IdentityVars>): void {
  process.env.RS_TEST_SIGNING_JWK = vars.signingJwk;
  process.env.RS_TEST_OIDC_ISSUER = vars.issuer;
  process.env.RS_TEST_WEB_PORT = String(vars.webPort);
}

export function identityVars(): IdentityVars {
  const port = Number(process.env.RS_TEST_WEB_PORT);
  return {
    signingJwk: process.env.RS_TEST_SIGNING_JWK || undefined,
    issuer: process.env.RS_TEST_OIDC_ISSUER || undefined,
    webPort: port > 0 ? port : undefined,
  };
}
