// The dashboard on keycloak-js, configured as Pbench's dashboard is: check-sso with the login
// iframe, PKCE S256, fragment response mode, updateToken before every API call, and a visible
// "Session Expired" on any 401.
import Keycloak from '/dashboard-kc/keycloak.js';
import { element, showStatus, wireApiPanel } from '/dashboard-kc/ui.js';

// Refresh when the token has less than this many seconds left (keycloak-js updateToken minValidity).
const MIN_VALIDITY = 10;
let keycloak = null;

function show(status) {
  const username = keycloak && keycloak.tokenParsed ? keycloak.tokenParsed.preferred_username || '' : '';
  showStatus(status, { username, canLogIn: keycloak !== null });
}

function sessionExpired(expired) {
  element('session-expired').hidden = !expired;
}

// The API panel's fetch: updateToken first, as Pbench's dashboard does; a refresh that fails
// (keycloak-js rejects with no Error) is reported as such.
async function fetchWithToken(url, init) {
  if (keycloak.authenticated) {
    try {
      await keycloak.updateToken(MIN_VALIDITY);
    } catch (e) {
      throw e && e.message ? e : new Error(`token refresh failed: ${e}`);
    }

    init.headers.Authorization = `Bearer ${keycloak.token}`;
  }

  return fetch(url, init);
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
  wireApiPanel(fetchWithToken, (response) => sessionExpired(response.status === 401));
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
    showStatus(`error: ${e.message}`);
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
