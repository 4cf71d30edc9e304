import { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment once into a frozen, typed object. The schema's keys are the variable
 * names. One error names every bad or missing variable and why — never its value, which may be a
 * secret.
 */
export function loadConfig<S extends z.ZodRawShape>(shape: S, env: Record<string, string | undefined>): Readonly<z.infer<z.ZodObject<S>>> {
  const input: Record<string, string | undefined> = {};
  for (const key of Object.keys(shape)) {
    const value = env[key];
    // An empty variable means "not set", as in docker-compose `FOO=` lines.
    input[key] = value === '' ? undefined : value;
  }
  const result = z.object(shape).safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = issue.path.map(String).join('.') || '(environment)';
      const missing = input[name] === undefined && issue.code === 'invalid_type';
      return `${name}: ${missing ? 'is required but not set' : issue.message}`;
    });
    throw new ConfigError(problems);
  }
  return Object.freeze(result.data) as Readonly<z.infer<z.ZodObject<S>>>;
}
