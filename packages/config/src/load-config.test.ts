import { z } from 'zod';
import { ConfigError, loadConfig } from './load-config';
import { commonVars } from './common-vars';

describe('loadConfig', () => {
  const shape = { PORT: commonVars.PORT, OIDC_ISSUER: commonVars.OIDC_ISSUER, LOG_LEVEL: commonVars.LOG_LEVEL };

  it('parses, applies defaults and freezes', () => {
    const cfg = loadConfig(shape, { PORT: '3001', OIDC_ISSUER: 'https://idp.example.dk' });
    expect(cfg).toEqual({ PORT: 3001, OIDC_ISSUER: 'https://idp.example.dk', LOG_LEVEL: 'info' });
    expect(Object.isFrozen(cfg)).toBe(true);
  });

  it('names every bad variable in one error and never echoes a value', () => {
    const secret = 'not-a-url-value';
    let error: unknown;
    try {
      loadConfig(shape, { PORT: 'eighty', OIDC_ISSUER: secret, LOG_LEVEL: '' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect((error as ConfigError).problems).toHaveLength(2);
    expect(message).toContain('PORT');
    expect(message).toContain('OIDC_ISSUER');
    expect(message).not.toContain(secret);
  });

  it('maps the provider role values to ours and names a bad pair', () => {
    const roles = { OIDC_ROLE_MAP: commonVars.OIDC_ROLE_MAP };
    expect(loadConfig(roles, { OIDC_ROLE_MAP: 'RS.Consultant=jobcentre, RS.Admin=admin' }).OIDC_ROLE_MAP).toEqual({
      'RS.Consultant': 'jobcentre',
      'RS.Admin': 'admin',
    });
    expect(loadConfig(roles, {}).OIDC_ROLE_MAP).toEqual({});
    expect(() => loadConfig(roles, { OIDC_ROLE_MAP: 'RS.Boss=king' })).toThrow(/OIDC_ROLE_MAP/);
  });

  it('reports a missing variable as not set', () => {
    expect(() => loadConfig({ MONGO_URL: commonVars.MONGO_URL, X: z.string() }, { X: 'y' })).toThrow(/MONGO_URL: is required but not set/);
  });
});
