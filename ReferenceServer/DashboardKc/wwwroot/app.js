// The dashboard on keycloak-js, configured as Pbench's dashboard is: check-sso with the login
// iframe, PKCE S256, fragment response mode, updateToken before every API call, and a visible
// "Session Expired" on any 401.
import Keycloak from '/dashboard-kc/keycloak.js';

const element = (id) => document.getElementById(id);
// Refresh when the token has less than this many seconds left (keycloak-js updateToken minValidity).
const MIN_VALIDITY = 10;
let keycloak = null;

function show(status) {
  const loggedIn = status === 'logged-in';
  element('status').textContent = status;
  element('user').textContent = loggedIn && keycloak.tokenParsed ? keycloak.tokenParsed.preferred_username || '' : '';
  element('login').disabled = keycloak === null || loggedIn;
  element('logout').disabled = !loggedIn;
}

function sessionExpired(expired) {
  element('session-expired').hidden = !expired;
}

// The token goes only to this origin: a path that leaves it is refused, not sent.
function sameOriginUrl(path) {
  const url = new URL(path, location.origin);
  if (url.origin !== location.origin) {
    throw new Error(`${url.origin} is not this dashboard's origin: the token is sent only to ${location.origin}`);
  }

  return url;
}

async function bearerHeaders() {
  const headers = { Accept: 'application/json' };
  if (keycloak.authenticated) {
    await keycloak.updateToken(MIN_VALIDITY);
    headers.Authorization = `Bearer ${keycloak.token}`;
  }

  return headers;
}

async function send() {
  element('api-status').textContent = '';
  element('api-response').textContent = '';
  const method = element('api-method').value;
  const body = element('api-body').value.trim();
  try {
    const url = sameOriginUrl(element('api-path').value.trim());
    const headers = await bearerHeaders();
    const hasBody = body !== '' && method !== 'GET';
    if (hasBody) {
      headers['Content-Type'] = 'application/json';
    }

    const response = await fetch(url, { method, headers, body: hasBody ? body : undefined });
    element('api-response').textContent = await response.text();
    element('api-status').textContent = String(response.status);
    sessionExpired(response.status === 401);
  } catch (e) {
    element('api-response').textContent = e && e.message ? e.message : `token refresh failed: ${e}`;
    element('api-status').textContent = 'error';
  }
}

// Back to this page (its query too), which keycloak-js then completes from the fragment.
const home = () => `${location.origin}/dashboard-kc/${location.search}`;

function login() {
  return keycloak.login({ redirectUri: home() });
}

function wire() {
  element('login').addEventListener('click', login);
  element('session-expired-login').addEventListener('click', login);
  element('logout').addEventListener('click', () => keycloak.logout({ redirectUri: home() }));
  element('api-send').addEventListener('click', send);
  keycloak.onAuthLogout = () => show('logged-out');
  keycloak.onAuthRefreshError = () => show('error: token refresh failed');
  // keycloak-js's own expiry timer: refresh ahead of time, as Pbench's dashboard does.
  keycloak.onTokenExpired = () => keycloak.updateToken(MIN_VALIDITY).catch(() => show('error: token refresh failed'));
}

function initOptions() {
  const options = { onLoad: 'check-sso', checkLoginIframe: true, pkceMethod: 'S256', responseMode: 'fragment' };
  const query = new URLSearchParams(location.search);
  // Tests may poll the login-status iframe faster than keycloak-js's 5 s default.
  const interval = Number(query.get('check_login_iframe_interval'));
  if (interval > 0) {
    options.checkLoginIframeInterval = interval;
  }

  // Tests may turn keycloak-js's own console warnings on (off by default, as in Pbench's dashboard).
  if (query.get('enable_logging') === 'true') {
    options.enableLogging = true;
  }

  return options;
}

async function main() {
  let openid;
  try {
    const answer = await fetch('/api/v1/endpoints', { headers: { Accept: 'application/json' } });
    openid = (await answer.json()).openid;
    if (!openid || !openid.server || !openid.realm || !openid.client) {
      throw new Error('/api/v1/endpoints names no openid server, realm and client');
    }
  } catch (e) {
    element('status').textContent = `error: ${e.message}`;
    return;
  }

  keycloak = new Keycloak({ url: openid.server, realm: openid.realm, clientId: openid.client });
  window.keycloak = keycloak;
  wire();
  try {
    const authenticated = await keycloak.init(initOptions());
    show(authenticated ? 'logged-in' : 'logged-out');
  } catch (e) {
    show(`error: ${e && (e.message || e.error) ? e.message || e.error : e}`);
  }
}

main();
