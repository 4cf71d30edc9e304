import { ConfigError, loadConfig } from '@rs/config';
import { Command } from 'commander';
import { type Finding, runDoctor } from '../doctor/checks';
import { DIAGNOSES } from '../doctor/diagnoses';
import { renderFindings } from '../doctor/report';
import { brokerUrlFor, secretFromFile } from './broker-url';
import { doctorVars } from './config';

/** A configuration that cannot even be read is the first finding, in the same form as the others. */
function configProblem(error: ConfigError): Finding[] {
  return [
    {
      check: 'config',
      status: 'problem',
      problem: 'config-invalid',
      said: DIAGNOSES['config-invalid'].what,
      detail: error.problems.join('; '),
    },
  ];
}

async function diagnose(env: Record<string, string | undefined>): Promise<{ jobcentre: number; findings: Finding[] }> {
  let config: ReturnType<typeof loadConfig<typeof doctorVars>>;
  let amqpUrl: string;
  let token: string | undefined;
  try {
    config = loadConfig(doctorVars, env);
    amqpUrl = brokerUrlFor(config.AMQP_URL, config.JOBCENTRES[0]!, config);
    token = config.FEED_TOKEN ?? (config.FEED_TOKEN_FILE ? secretFromFile('FEED_TOKEN_FILE', config.FEED_TOKEN_FILE) : undefined);
  } catch (error) {
    if (error instanceof ConfigError) return { jobcentre: Number(env.JOBCENTRES) || 0, findings: configProblem(error) };
    throw error;
  }
  const jobcentre = config.JOBCENTRES[0]!;
  const findings = await runDoctor({
    amqpUrl,
    jobcentre,
    ...(config.FEED_URL ? { feed: { baseUrl: config.FEED_URL, token } } : {}),
    maxClockSkewMs: config.DOCTOR_MAX_CLOCK_SKEW_SECONDS * 1000,
    timeoutMs: config.DOCTOR_TIMEOUT_MS,
  });
  return { jobcentre, findings };
}

/**
 * `rs-connector doctor`: the first-run check for a jobcentre's IT. It reads the same
 * environment as the connector and says what is wrong in plain Danish and English, with what
 * to do; exit code 1 when anything is.
 */
export function doctorCommand(env: Record<string, string | undefined>): Command {
  return new Command('doctor')
    .description('first-run check: broker, TLS, login, vhost, queue, clock and feed token, each with what to do (exit 1 on a problem)')
    .option('--json', 'print the findings as JSON (stable problem codes) instead of text')
    .action(async (options: { json?: boolean }) => {
      const { jobcentre, findings } = await diagnose(env);
      process.stdout.write(options.json ? `${JSON.stringify({ jobcentre, findings }, null, 2)}\n` : renderFindings(jobcentre, findings));
      process.exitCode = findings.some((f) => f.status === 'problem') ? 1 : 0;
    });
}
