import type { Principal } from '@rs/service-kit';
import { DEMO_PASSWORD, DEMO_USERS } from './users';

const html = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export type Lang = 'da' | 'en';
export const langOf = (uiLocales: unknown): Lang => (String(uiLocales ?? '').startsWith('en') ? 'en' : 'da');

const T = {
  da: {
    title: 'Log ind',
    service: 'Rekrutteringsservice – log ind',
    username: 'Brugernavn',
    password: 'Adgangskode',
    submit: 'Log ind',
    demo: 'Demobrugere (kun udvikling og test), adgangskode',
    user: 'Brugernavn',
    who: 'Navn og rolle',
    wrong: 'Forkert brugernavn eller adgangskode.',
    logout: 'Vil du logge ud?',
    logoutButton: 'Log ud',
    error: 'Der skete en fejl ved log ind',
  },
  en: {
    title: 'Sign in',
    service: 'Recruitment service – sign in',
    username: 'User name',
    password: 'Password',
    submit: 'Sign in',
    demo: 'Demo users (development and tests only), password',
    user: 'User name',
    who: 'Name and role',
    wrong: 'Wrong user name or password.',
    logout: 'Do you want to sign out?',
    logoutButton: 'Sign out',
    error: 'Signing in failed',
  },
} as const;

/** The demo users' roles as a person reads them. */
const ROLES: Record<Lang, Record<Principal['role'], string>> = {
  da: {
    'phone-line': 'Telefonlinje (operatør)',
    jobcentre: 'Jobcenterkonsulent',
    secretariat: 'Sekretariat',
    onboarding: 'Indslusningskonsulent',
    admin: 'Administrator',
  },
  en: {
    'phone-line': 'Phone line (operator)',
    jobcentre: 'Jobcentre consultant',
    secretariat: 'Secretariat',
    onboarding: 'Onboarding consultant',
    admin: 'Administrator',
  },
};

function layout(lang: Lang, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(title)}</title><link rel="stylesheet" href="/static/dkfds/css/dkfds-virkdk.min.css"></head>
<body><header class="header"><div class="portal-header"><div class="container portal-header-inner">
<span class="h4 m-0">${html(T[lang].service)}</span></div></div></header>
<main id="main" class="container page-container"><div class="row"><div class="col-12 col-md-8">${body}</div></div></main></body></html>`;
}

export function loginPage(uid: string, lang: Lang, failed: boolean, username = ''): string {
  const t = T[lang];
  const rows = DEMO_USERS.map(
    (u) => `<tr><td><code>${html(u.username)}</code></td><td>${html(u.name)} – ${html(ROLES[lang][u.principal.role])}</td></tr>`,
  ).join('');
  return layout(
    lang,
    t.title,
    `<h1>${t.title}</h1>
${failed ? `<div class="alert alert-error" role="alert"><div class="alert-body"><p class="alert-text">${t.wrong}</p></div></div>` : ''}
<form method="post" action="/interaction/${html(uid)}/login">
<div class="form-group"><label class="form-label" for="username">${t.username}</label>
<input class="form-input" id="username" name="username" autocomplete="username" required value="${html(username)}"></div>
<div class="form-group"><label class="form-label" for="password">${t.password}</label>
<input class="form-input" id="password" name="password" type="password" autocomplete="current-password" required></div>
<button class="button button-primary mt-5" type="submit">${t.submit}</button></form>
<h2 class="mt-7">${t.demo} <code>${DEMO_PASSWORD}</code></h2>
<table class="table table--compact"><thead><tr><th scope="col">${t.user}</th><th scope="col">${t.who}</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}

/** oidc-provider's own form (it carries its xsrf token), submitted by our button. */
export function logoutPage(form: string, uiLocales: unknown): string {
  const t = T[langOf(uiLocales)];
  return layout(
    langOf(uiLocales),
    t.logoutButton,
    `<h1>${t.logout}</h1>${form}<button class="button button-primary" type="submit" form="op.logoutForm" name="logout" value="yes">${t.logoutButton}</button>`,
  );
}

export function errorPage(error: unknown, description: unknown): string {
  return layout('da', T.da.error, `<h1>${T.da.error} / ${T.en.error}</h1><p><code>${html(error)}</code> ${html(description)}</p>`);
}
