// The dashboard page: login state, the generic API action, refresh before expiry, logout.
import {
  clearSession, completeLogin, loadConfig, loadSession, logoutUrl, refreshSession, startLogin,
} from '/dashboard/oidc.js';
import { element, showStatus, wireApiPanel } from '/dashboard/ui.js';

let config = null;
let settings = null;
let session = null;
let refreshTimer = null;

function show(status) {
  showStatus(status, { username: session ? session.username : '', canLogIn: config !== null });
}

function fail(error) {
  session = null;
  clearSession();
  show(`error: ${error.message || error}`);
}

// keycloak-js style: refresh a little before expiry (30 s, or a quarter of short lifetimes).
function scheduleRefresh() {
  clearTimeout(refreshTimer);
  const margin = Math.min(30, session.expiresIn / 4) * 1000;
  refreshTimer = setTimeout(refresh, Math.max(1000, session.expiresAt - margin - Date.now()));
}

async function refresh() {
  try {
    session = await refreshSession(session);
    loggedIn();
  } catch (e) {
    fail(new Error(`refresh failed: ${e.message}`));
  }
}

function loggedIn() {
  show('logged-in');
  scheduleRefresh();
  if (settings.tokenBeacon) {
    // The dashboard-token-to-other-origin defect: an "analytics pixel" that carries the token.
    const pixel = new Image(1, 1);
    pixel.src = `${settings.tokenBeacon}?access_token=${encodeURIComponent(session.accessToken)}`;
    document.body.appendChild(pixel);
  }
}

function responseMode() {
  const asked = new URLSearchParams(location.search).get('response_mode');
  return asked === 'fragment' ? 'fragment' : 'query';
}

// The API panel's fetch: refresh a token about to expire, then send it (none when logged out).
async function fetchWithToken(url, init) {
  if (session && session.expiresAt - Date.now() < 10000) {
    await refresh();
  }

  if (session) {
    init.headers.Authorization = `Bearer ${session.accessToken}`;
  }

  return fetch(url, init);
}

// The dashboard-drops-first-response switch: like Pbench's dashboard, whose route guard redirects
// before the authorization response is read, the first response after a Login click is dropped.
const GUARD_KEY = 'pbench-reference-route-guard';

function armRouteGuard() {
  if (settings.dropFirstResponse) {
    sessionStorage.setItem(GUARD_KEY, 'armed');
  }
}

function dropsThisResponse() {
  const armed = sessionStorage.getItem(GUARD_KEY) === 'armed';
  sessionStorage.removeItem(GUARD_KEY);
  return settings.dropFirstResponse && armed;
}

async function main() {
  try {
    const answer = await fetch('/dashboard/settings.json');
    settings = await answer.json();
    config = await loadConfig();
  } catch (e) {
    show(`error: ${e.message}`);
    return;
  }

  element('login').addEventListener('click', () => {
    armRouteGuard();
    startLogin(config, settings, responseMode()).catch(fail);
  });
  element('logout').addEventListener('click', () => {
    const url = logoutUrl(session);
    clearTimeout(refreshTimer);
    session = null;
    clearSession();
    location.assign(url);
  });
  wireApiPanel(fetchWithToken);
  if (location.pathname === '/dashboard/callback') {
    if (dropsThisResponse()) {
      // The route guard took the browser away before the code was read; a silent request recovers.
      history.replaceState(null, '', '/dashboard/');
      startLogin(config, settings, responseMode(), 'none').catch(fail);
      return;
    }

    try {
      session = await completeLogin(config, settings);
      loggedIn();
    } catch (e) {
      fail(e);
    }

    return;
  }

  session = loadSession();
  if (session) {
    loggedIn();
  } else {
    show('logged-out');
  }
}

main();
