// The keycloak-js dashboard with the real Pbench dashboard's face: the /dashboard/auth page and its
// "Pbench OpenId" button, a login that comes back to /dashboard/overview, the username in the
// toolbar (#toolbar .pf-c-dropdown__toggle-text) once logged in, and the dataset list the overview
// loads (GET /api/v1/datasets with metadata four times and mine=true). keycloak-js, PKCE and the
// route guard follow the ReferenceServer's switches (kc.js).
import {
  armRouteGuard, initOptions, prepare, reason, routeGuard,
} from '/dashboard-kc/kc.js';

const AUTH = '/dashboard/auth';
const OVERVIEW = '/dashboard/overview';
const METADATA = ['dataset.access', 'dataset.uploaded', 'dataset.metalog.pbench.script', 'server.deletion'];

const element = (id) => document.getElementById(id);

function showAuth(message) {
  element('toolbar').hidden = true;
  element('overview-page').hidden = true;
  element('auth-page').hidden = false;
  element('auth-message').textContent = message;
}

// The overview's dataset list, through the token as Pbench's axios interceptor sends it.
async function listDatasets(keycloak) {
  const query = new URLSearchParams(METADATA.map((key) => ['metadata', key]));
  query.append('mine', 'true');
  const answer = fetch(`/api/v1/datasets?${query}`, { headers: { Accept: 'application/json', Authorization: `Bearer ${keycloak.token}` } });
  return answer.then(async (response) => {
    element('datasets-status').textContent = String(response.status);
    element('datasets').textContent = await response.text();
  }).catch((e) => {
    element('datasets-status').textContent = `error: ${e.message}`;
  });
}

function showOverview(keycloak) {
  // The dashboard's own restricted call goes out first; the toolbar then shows who is logged in.
  listDatasets(keycloak);
  if (location.pathname !== OVERVIEW) {
    history.replaceState(null, '', OVERVIEW);
  }

  element('auth-page').hidden = true;
  element('toolbar-user').textContent = keycloak.tokenParsed.preferred_username || '';
  element('toolbar').hidden = false;
  element('overview-page').hidden = false;
}

async function main() {
  let prepared;
  try {
    prepared = await prepare();
  } catch (e) {
    showAuth(`The dashboard could not start: ${e.message}`);
    return;
  }

  const { settings, openid, Keycloak } = prepared;

  // Pbench's guard of /dashboard/overview sends a browser that is not logged in to /dashboard/auth.
  routeGuard(settings, AUTH);
  const keycloak = new Keycloak({ url: openid.server, realm: openid.realm, clientId: openid.client });
  window.keycloak = keycloak;
  element('pbench-openid').addEventListener('click', () => {
    armRouteGuard(settings);
    keycloak.login({ redirectUri: `${location.origin}${OVERVIEW}` });
  });
  try {
    if (await keycloak.init(initOptions(settings))) {
      showOverview(keycloak);
      return;
    }

    showAuth('');
  } catch (e) {
    showAuth(`Login failed: ${reason(e)}`);
  }
}

main();
