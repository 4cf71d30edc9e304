import { localPath } from './auth.routes';

describe('where sign-in and the language switch may send the browser back to', () => {
  it('is a path of this site, never another host', () => {
    expect(localPath('/jobcentres/101/inbox?x=1')).toBe('/jobcentres/101/inbox?x=1');
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', '/auth/callback', '/a b', undefined, 7]) {
      expect([bad, localPath(bad)]).toEqual([bad, '/']);
    }
  });
});
