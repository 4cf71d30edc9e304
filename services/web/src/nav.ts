import type { Principal } from '@rs/service-kit';
import type { MessageKey } from './locales';

type Role = Principal['role'];

export interface NavItem {
  href: string;
  /** The menu text; `home` is the text of the button on the front page. */
  label: MessageKey;
  home: MessageKey;
  roles: readonly Role[];
  /** Paths that mark this item as the current page. */
  current: (path: string) => boolean;
}

/**
 * The main menu, one entry per area, shown to the roles that may use it; the front page offers
 * the same entries as buttons. A new area adds its entry here.
 */
export const NAV: readonly NavItem[] = [
  {
    href: '/inbox',
    label: 'nav.inbox',
    home: 'home.goInbox',
    roles: ['jobcentre'],
    current: (path) => path.includes('/inbox'),
  },
  {
    href: '/orders',
    label: 'orders.nav',
    home: 'orders.home',
    roles: ['jobcentre'],
    current: (path) => /^\/(orders|rounds\/[^/]+$|jobcentres\/\d+\/orders)/.test(path),
  },
  {
    href: '/candidates',
    label: 'candidates.nav',
    home: 'candidates.home',
    roles: ['jobcentre'],
    current: (path) => path.startsWith('/candidates'),
  },
  {
    href: '/our-cvs',
    label: 'candidates.navOurs',
    home: 'candidates.homeOurs',
    roles: ['jobcentre'],
    current: (path) => path === '/our-cvs' || /^\/jobcentres\/\d+\/cvs/.test(path),
  },
  {
    href: '/inquiries',
    label: 'inquiries.nav',
    home: 'inquiries.home',
    roles: ['jobcentre'],
    current: (path) => path.startsWith('/inquiries'),
  },
  {
    href: '/needs',
    label: 'needs.nav',
    home: 'needs.home',
    roles: ['jobcentre', 'secretariat', 'admin'],
    current: (path) => path.startsWith('/needs'),
  },
  {
    href: '/courses',
    label: 'courses.nav',
    home: 'courses.home',
    roles: ['jobcentre', 'secretariat', 'admin'],
    current: (path) => path.startsWith('/courses'),
  },
  {
    href: '/dashboard',
    label: 'nav.dashboard',
    home: 'home.goDashboard',
    roles: ['secretariat', 'jobcentre', 'admin'],
    current: (path) => path.startsWith('/dashboard') || path.startsWith('/kkr'),
  },
  {
    href: '/operator',
    label: 'operator.nav',
    home: 'operator.home',
    roles: ['phone-line', 'admin'],
    current: (path) => path.startsWith('/operator'),
  },
  {
    href: '/admin',
    label: 'nav.admin',
    home: 'home.goAdmin',
    roles: ['admin'],
    current: (path) => path.startsWith('/admin'),
  },
  {
    href: '/cooperations',
    label: 'nav.cooperations',
    home: 'home.goCooperations',
    roles: ['admin'],
    current: (path) => path.startsWith('/cooperations'),
  },
  {
    href: '/follow-ups',
    label: 'followUps.nav',
    home: 'followUps.home',
    roles: ['onboarding', 'secretariat', 'admin'],
    current: (path) => path.startsWith('/follow-ups'),
  },
];

export const navFor = (principal: Principal | undefined): NavItem[] =>
  principal ? NAV.filter((item) => item.roles.includes(principal.role)) : [];

/**
 * Where a role's work starts (UI.md, "what each person needs on the first screen"): signing in
 * without a page to return to lands there. A jobcentre consultant both leads and answers, so
 * theirs is the front page, which offers the inbox and their orders side by side.
 */
const FIRST_SCREEN: Partial<Record<Role, string>> = {
  'phone-line': '/operator',
  secretariat: '/dashboard',
  onboarding: '/follow-ups',
  admin: '/admin',
};

export const firstScreen = (role: Role): string => FIRST_SCREEN[role] ?? '/';
