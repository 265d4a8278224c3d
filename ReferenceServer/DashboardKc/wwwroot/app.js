// The dashboard on keycloak-js, configured as Pbench's dashboard is: check-sso with the login
// iframe, fragment response mode, updateToken before every API call, and a visible "Session
// Expired" on any 401. PKCE S256 and keycloak-js 26 unless the ReferenceServer's switches say
// otherwise (kc.js).
import {
  armRouteGuard, initOptions, prepare, reason, routeGuard,
} from '/dashboard-kc/kc.js';
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

function wire(settings) {
  const login = () => {
    armRouteGuard(settings);
    return keycloak.login({ redirectUri: home() });
  };
  element('login').addEventListener('click', login);
  element('session-expired-login').addEventListener('click', login);
  element('logout').addEventListener('click', () => keycloak.logout({ redirectUri: home() }));
  wireApiPanel(fetchWithToken, (response) => sessionExpired(response.status === 401));
  keycloak.onAuthLogout = () => show('logged-out');
  keycloak.onAuthRefreshError = () => show('error: token refresh failed');
  // keycloak-js's own expiry timer: refresh ahead of time, as Pbench's dashboard does.
  keycloak.onTokenExpired = () => keycloak.updateToken(MIN_VALIDITY).catch(() => show('error: token refresh failed'));
}

async function main() {
  let prepared;
  try {
    prepared = await prepare();
  } catch (e) {
    showStatus(`error: ${e.message}`);
    return;
  }

  const { settings, openid, Keycloak } = prepared;

  routeGuard(settings, home());
  keycloak = new Keycloak({ url: openid.server, realm: openid.realm, clientId: openid.client });
  window.keycloak = keycloak;
  wire(settings);
  try {
    const authenticated = await keycloak.init(initOptions(settings));
    show(authenticated ? 'logged-in' : 'logged-out');
  } catch (e) {
    show(`error: ${reason(e)}`);
  }
}

main();
