// Det Fælles Designsystem's components (accordions, menus, …) and htmx's CSRF header.
document.addEventListener('DOMContentLoaded', () => {
  if (window.DKFDS) window.DKFDS.init();
  const token = document.querySelector('meta[name="csrf-token"]');
  if (token) document.body.addEventListener('htmx:configRequest', (e) => (e.detail.headers['x-csrf-token'] = token.content));
});
