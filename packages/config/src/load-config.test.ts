import { z } from 'zod';
import { ConfigError, loadConfig } from './load-config';
import { commonVars } from './common-vars';

describe('loadConfig', () => {
  const shape = { PORT: commonVars.PORT, AUTH_SECRET: commonVars.AUTH_SECRET, LOG_LEVEL: commonVars.LOG_LEVEL };

  it('parses, applies defaults and freezes', () => {
    const cfg = loadConfig(shape, { PORT: '3001', AUTH_SECRET: 'x'.repeat(32) });
    expect(cfg).toEqual({ PORT: 3001, AUTH_SECRET: 'x'.repeat(32), LOG_LEVEL: 'info' });
    expect(Object.isFrozen(cfg)).toBe(true);
  });

  it('names every bad variable in one error and never echoes a value', () => {
    const secret = 'short-secret-value';
    let error: unknown;
    try {
      loadConfig(shape, { PORT: 'eighty', AUTH_SECRET: secret, LOG_LEVEL: '' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect((error as ConfigError).problems).toHaveLength(2);
    expect(message).toContain('PORT');
    expect(message).toContain('AUTH_SECRET');
    expect(message).not.toContain(secret);
  });

  it('reports a missing variable as not set', () => {
    expect(() => loadConfig({ MONGO_URL: commonVars.MONGO_URL, X: z.string() }, { X: 'y' })).toThrow(/MONGO_URL: is required but not set/);
  });
});
