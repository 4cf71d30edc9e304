// Helpers for scripts/start.sh, run on the built packages: provision demo broker users, list
// the demo jobcentres, make the identity service's key and secrets, mint a development token
// signed by that identity service's key (same issuer, audience and claims as its own tokens).
// Development only: production provisions jobcentre users with the admin command and signs in
// at the municipality's provider.
const { createPrivateKey, generateKeyPairSync, randomBytes, sign } = require('node:crypto');
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { managementClient, provisionJobcentreUser } = require('../packages/bus/dist');
const { cooperation } = require('../packages/reference-data/dist');

const DEMO_LEAD = 101;
// DEMO_MANUAL=147 leaves jobcentres to be answered by hand (npm run inbox -- 147).
const manual = (process.env.DEMO_MANUAL ?? '').split(',').filter(Boolean).map(Number);
const otherMembers = () => cooperation('HRS').members.filter((c) => c !== DEMO_LEAD);
const demoJobcentres = () => otherMembers().filter((c) => !manual.includes(c));

async function provision(file) {
  const passwords = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const admin = managementClient(process.env.RABBITMQ_MGMT_URL);
  const vhost = decodeURIComponent(new URL(process.env.AMQP_URL).pathname.slice(1)) || '/';
  // The lead's jobcentre too: the demo shares its CVs (DEMO_SHARE_ONLY); its consultant answers in the web front.
  for (const code of [DEMO_LEAD, ...otherMembers()]) {
    passwords[code] ??= randomBytes(18).toString('base64url');
    await provisionJobcentreUser(admin, vhost, code, passwords[code]);
  }
  writeFileSync(file, JSON.stringify(passwords, null, 2), { mode: 0o600 });
}

/** The identity service's signing key (a private JWK), made once per checkout under .data/. */
function identityKey(file) {
  if (existsSync(file)) return;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), alg: 'RS256', kid: `dev-${randomBytes(4).toString('hex')}` };
  writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
}

/** Client secrets of the demo connectors (client credentials for their feed tokens). */
function connectorSecrets(file) {
  const secrets = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  for (const code of otherMembers()) secrets[code] ??= randomBytes(18).toString('base64url');
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
}

const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An access token as the identity service issues it, for curl: IDENTITY_SIGNING_KEY_FILE, OIDC_ISSUER. */
function devToken(role, code) {
  const jwk = JSON.parse(readFileSync(process.env.IDENTITY_SIGNING_KEY_FILE, 'utf8'));
  const principal =
    role === 'jobcentre'
      ? { role, jobcentre: Number(code) }
      : role === 'secretariat' || role === 'onboarding'
        ? { role, cooperation: code ?? 'HRS' }
        : { role };
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    ...principal,
    sub: role === 'jobcentre' ? `demo-consultant-${code}` : `demo-${role}`,
    iss: process.env.OIDC_ISSUER,
    aud: process.env.OIDC_AUDIENCE ?? 'api://rs',
    iat: now,
    exp: now + 8 * 3600,
  };
  const input = `${b64({ alg: 'RS256', typ: 'at+jwt', kid: jwk.kid })}.${b64(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input), createPrivateKey({ key: jwk, format: 'jwk' })).toString('base64url')}`;
}

const [command, ...args] = process.argv.slice(2);
const commands = {
  provision: () => provision(args[0]),
  'demo-jobcentres': () => console.log(demoJobcentres().join(',')),
  'strip-credentials': () => {
    const url = new URL(args[0]);
    url.username = '';
    url.password = '';
    console.log(url.toString());
  },
  'identity-key': () => identityKey(args[0]),
  'connector-secrets': () => connectorSecrets(args[0]),
  token: () => console.log(devToken(args[0], args[1])),
};
if (!commands[command]) {
  console.error(`usage: dev-setup.js ${Object.keys(commands).join('|')}`);
  process.exit(2);
}
Promise.resolve(commands[command]()).catch((error) => {
  console.error(error.message);
  process.exit(1);
});
