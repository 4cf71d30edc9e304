// Helpers for scripts/start.sh, run on the built packages: provision demo broker users, list
// the demo jobcentres, mint a development token. Development only: production provisions
// jobcentre users with the admin command and real secrets.
const { randomBytes } = require('node:crypto');
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { managementClient, provisionJobcentreUser } = require('../packages/bus/dist');
const { cooperation } = require('../packages/reference-data/dist');
const { issueToken } = require('../packages/service-kit/dist');

const DEMO_LEAD = 101;
// DEMO_MANUAL=147 leaves jobcentres to be answered by hand (npm run inbox -- 147).
const manual = (process.env.DEMO_MANUAL ?? '').split(',').filter(Boolean).map(Number);
const otherMembers = () => cooperation('HRS').members.filter((c) => c !== DEMO_LEAD);
const demoJobcentres = () => otherMembers().filter((c) => !manual.includes(c));

async function provision(file) {
  const passwords = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const admin = managementClient(process.env.RABBITMQ_MGMT_URL);
  const vhost = decodeURIComponent(new URL(process.env.AMQP_URL).pathname.slice(1)) || '/';
  for (const code of otherMembers()) {
    passwords[code] ??= randomBytes(18).toString('base64url');
    await provisionJobcentreUser(admin, vhost, code, passwords[code]);
  }
  writeFileSync(file, JSON.stringify(passwords, null, 2), { mode: 0o600 });
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
  token: () => {
    const [role, code] = args;
    const principal =
      role === 'jobcentre' ? { role, sub: `demo-consultant-${code}`, jobcentre: Number(code) } : { role, sub: `demo-${role}` };
    console.log(issueToken(process.env.AUTH_SECRET, principal));
  },
};
if (!commands[command]) {
  console.error(`usage: dev-setup.js ${Object.keys(commands).join('|')}`);
  process.exit(2);
}
Promise.resolve(commands[command]()).catch((error) => {
  console.error(error.message);
  process.exit(1);
});
