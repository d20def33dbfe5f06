// Navigation helpers shared by the pages (kept apart from app.js to avoid import cycles).
let flash = null;

/** A message shown once on the next page (after a redirect). */
export function setFlash(text, kind = 'ok') {
  flash = {text, kind};
}

export function takeFlash() {
  const f = flash;
  flash = null;
  return f;
}

/** Goes to a hash route; re-renders when it is already the current one. */
export function go(path) {
  if (location.hash === `#${path}`) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = `#${path}`;
}
