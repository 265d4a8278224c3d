// What both dashboards show the same way: the session line (#status, #user, the two buttons)
// and the API panel (one call with the bearer token). Each dashboard's app.js brings its own
// login and its own fetchWithToken; this module never sees a token.

export const element = (id) => document.getElementById(id);

// The session line. username shows only while logged in; Log in is enabled once the dashboard
// can start a login (its configuration loaded) and is not logged in already.
export function showStatus(status, { username = '', canLogIn = false } = {}) {
  const loggedIn = status === 'logged-in';
  element('status').textContent = status;
  element('user').textContent = loggedIn ? username : '';
  element('login').disabled = !canLogIn || loggedIn;
  element('logout').disabled = !loggedIn;
}

// The token goes only to this origin: a path that leaves it is refused, not sent.
function sameOriginUrl(path) {
  const url = new URL(path, location.origin);
  if (url.origin !== location.origin) {
    throw new Error(`${url.origin} is not this dashboard's origin: the token is sent only to ${location.origin}`);
  }

  return url;
}

function requestInit() {
  const method = element('api-method').value;
  const body = element('api-body').value.trim();
  const headers = { Accept: 'application/json' };
  const hasBody = body !== '' && method !== 'GET';
  if (hasBody) {
    headers['Content-Type'] = 'application/json';
  }

  return { method, headers, body: hasBody ? body : undefined };
}

async function send(fetchWithToken, onResponse) {
  element('api-status').textContent = '';
  element('api-response').textContent = '';
  try {
    const url = sameOriginUrl(element('api-path').value.trim());
    const response = await fetchWithToken(url, requestInit());
    element('api-response').textContent = await response.text();
    element('api-status').textContent = String(response.status);
    onResponse(response);
  } catch (e) {
    element('api-response').textContent = e.message;
    element('api-status').textContent = 'error';
  }
}

// fetchWithToken(url, init) adds `Authorization: Bearer` to init.headers when logged in (after
// refreshing a token near expiry) and fetches; a failure it throws is shown as its message.
// onResponse(response) runs after the status and body are shown.
export function wireApiPanel(fetchWithToken, onResponse = () => {}) {
  element('api-send').addEventListener('click', () => send(fetchWithToken, onResponse));
}
