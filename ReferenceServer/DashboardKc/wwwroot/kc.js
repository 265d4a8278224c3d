// What both faces of the keycloak-js dashboard share (/dashboard-kc/ and the Pbench-style pages
// at /dashboard/auth and /dashboard/overview): the switches the ReferenceServer sets in
// settings.json, the keycloak-js release they pick, the login configuration, and init options.

async function loadSettings() {
  const answer = await fetch('/dashboard-kc/settings.json', { headers: { Accept: 'application/json' } });
  return answer.json();
}

// keycloak-js 26 is an ES module; 21, Pbench's dashboard's release, a UMD script that defines
// window.Keycloak (its ES build imports bare package names a browser cannot resolve).
async function loadKeycloak(settings) {
  if (!settings.keycloakJs.startsWith('21.')) {
    return (await import('/dashboard-kc/keycloak.js')).default;
  }

  await new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/dashboard-kc/keycloak-21.js';
    script.onload = resolve;
    script.onerror = () => reject(new Error('/dashboard-kc/keycloak-21.js did not load'));
    document.head.appendChild(script);
  });
  return window.Keycloak;
}

// The broker, realm and client, from the server as Pbench's dashboard reads them.
async function loadOpenid() {
  const answer = await fetch('/api/v1/endpoints', { headers: { Accept: 'application/json' } });
  const openid = (await answer.json()).openid;
  if (!openid || !openid.server || !openid.realm || !openid.client) {
    throw new Error('/api/v1/endpoints names no openid server, realm and client');
  }

  return openid;
}

// What a face needs before it builds its Keycloak: the switches, the login configuration, keycloak-js.
export async function prepare() {
  const settings = await loadSettings();
  const openid = await loadOpenid();
  return { settings, openid, Keycloak: await loadKeycloak(settings) };
}

// Pbench's dashboard's options (check-sso with the login iframe, fragment mode), PKCE as the
// switches say: keycloak-js 26 uses S256 unless told false, 21 none unless told S256.
export function initOptions(settings) {
  const options = {
    onLoad: 'check-sso', checkLoginIframe: true, responseMode: 'fragment', pkceMethod: settings.pkceMethod || false,
  };
  const query = new URLSearchParams(location.search);
  // Tests may poll the login-status iframe faster than keycloak-js's 5 s default.
  const interval = Number(query.get('check_login_iframe_interval'));
  if (interval > 0) {
    options.checkLoginIframeInterval = interval;
  }

  // keycloak-js's own console lines ("[KEYCLOAK] ..."): on in Pbench's dashboard (settings), or asked by a test.
  if (settings.enableLogging || query.get('enable_logging') === 'true') {
    options.enableLogging = true;
  }

  return options;
}

// The route guard of Pbench's dashboard (dashboard-drops-first-response): the first authorization
// response after a Login click is dropped before keycloak-js reads it (its fragment leaves the
// address bar), so keycloak-js's check-sso completes the login through a prompt=none request.
const GUARD_KEY = 'pbench-reference-route-guard';

export function armRouteGuard(settings) {
  if (settings.dropFirstResponse) {
    sessionStorage.setItem(GUARD_KEY, 'armed');
  }
}

export function routeGuard(settings, landing) {
  if (!settings.dropFirstResponse || sessionStorage.getItem(GUARD_KEY) !== 'armed' || !location.hash.includes('code=')) {
    return;
  }

  sessionStorage.removeItem(GUARD_KEY);
  history.replaceState(null, '', landing);
}

// keycloak-js rejects init with its own shapes (an Error, {error}, or nothing at all).
export function reason(e) {
  return e && (e.message || e.error) ? e.message || e.error : `${e || 'keycloak-js refused the login'}`;
}
