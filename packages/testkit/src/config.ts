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
