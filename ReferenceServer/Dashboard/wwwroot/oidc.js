// The browser's part of the OpenID Connect authorization-code flow (RFC 6749 §4.1, OIDC Core
// §3.1, PKCE RFC 7636), as the Pbench dashboard does it, without a library.
const TRANSACTION_KEY = 'pbench-dashboard.transaction';
const SESSION_KEY = 'pbench-dashboard.session';

// Login configuration from the target: Pbench's `openid` {server, realm, client}, or the
// diagram's `identity_broker_auth_uri` and `client_id` (key match case-insensitive).
export async function loadConfig() {
  const response = await fetch('/api/v1/endpoints', { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(`GET /api/v1/endpoints answered ${response.status}`);
  }

  const body = await response.json();
  const openid = body.openid;
  let authUri;
  let clientId;
  if (openid && openid.server && openid.realm && openid.client) {
    authUri = `${openid.server.replace(/\/+$/, '')}/realms/${encodeURIComponent(openid.realm)}/protocol/openid-connect/auth`;
    clientId = openid.client;
  } else {
    const field = (name) => body[Object.keys(body).find((key) => key.toLowerCase() === name)];
    authUri = field('identity_broker_auth_uri');
    clientId = field('client_id');
  }

  if (!authUri || !clientId || !/\/auth$/.test(authUri)) {
    throw new Error('/api/v1/endpoints names no usable identity broker (openid or identity_broker_auth_uri)');
  }

  // Keycloak's layout: auth, token and logout side by side; the issuer is the realm URL.
  const base = authUri.replace(/\/auth$/, '');
  return {
    authUri,
    clientId,
    tokenUri: `${base}/token`,
    logoutUri: `${base}/logout`,
    issuer: base.replace(/\/protocol\/openid-connect$/, ''),
  };
}

// prompt: 'none' for a silent request (OIDC Core §3.1.2.1: a code at once, or login_required).
export async function startLogin(config, settings, responseMode, prompt) {
  const transaction = {
    state: randomString(24),
    nonce: randomString(24),
    verifier: randomString(48),
    redirectUri: location.origin + settings.redirectPath,
    responseMode,
  };
  const params = new URLSearchParams({
    client_id: config.clientId,
    response_type: 'code',
    redirect_uri: transaction.redirectUri,
    scope: 'openid profile email',
    // RFC 6749 §10.12: state binds the response to this browser's login.
    state: transaction.state,
    // OIDC Core §3.1.2.1: nonce binds the id_token to this login.
    nonce: transaction.nonce,
    response_mode: responseMode,
  });
  if (prompt) {
    params.set('prompt', prompt);
  }

  if (settings.pkceMethod === 'S256') {
    // RFC 7636 §4.2: code_challenge = BASE64URL(SHA256(code_verifier)).
    params.set('code_challenge', await sha256Base64Url(transaction.verifier));
    params.set('code_challenge_method', 'S256');
  } else if (settings.pkceMethod === 'plain') {
    params.set('code_challenge', transaction.verifier);
    params.set('code_challenge_method', 'plain');
  }

  sessionStorage.setItem(TRANSACTION_KEY, JSON.stringify(transaction));
  location.assign(`${config.authUri}?${params}`);
}

// The redirect back from the broker: check it, exchange the code, check the id_token.
export async function completeLogin(config, settings) {
  const transaction = JSON.parse(sessionStorage.getItem(TRANSACTION_KEY) || 'null');
  sessionStorage.removeItem(TRANSACTION_KEY);
  const params = callbackParameters(transaction && transaction.responseMode);
  // The code must not stay in the address bar or the history.
  history.replaceState(null, '', '/dashboard/');
  if (params.get('error')) {
    const description = params.get('error_description');
    throw new Error(`the broker answered ${params.get('error')}${description ? `: ${description}` : ''}`);
  }

  const code = params.get('code');
  if (!code) {
    throw new Error('the callback carries no code');
  }

  if (settings.checkState) {
    checkState(transaction, params);
  }

  // RFC 9207 §2.4: when the broker names itself, it must be the broker this login went to.
  if (params.get('iss') && params.get('iss') !== config.issuer) {
    throw new Error(`the authorization response comes from ${params.get('iss')}, not ${config.issuer}`);
  }

  // RFC 6749 §4.1.3 (+ RFC 7636 §4.5): the code, the same redirect_uri, the verifier.
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    client_id: config.clientId,
    redirect_uri: transaction ? transaction.redirectUri : location.origin + settings.redirectPath,
  });
  if (transaction && settings.pkceMethod) {
    form.set('code_verifier', transaction.verifier);
  }

  const tokens = await postToken(config, form);
  const claims = checkIdToken(config, tokens, transaction);
  return saveSession(config, tokens, claims);
}

// RFC 6749 §10.12: a response whose state is not this tab's is not acted upon.
function checkState(transaction, params) {
  if (!transaction) {
    throw new Error('no login is in progress in this tab, so the state cannot be checked');
  }

  if (params.get('state') !== transaction.state) {
    throw new Error('state mismatch: the authorization response is not for this login');
  }
}

// OIDC Core §3.1.3.7: iss, aud and nonce of the id_token (received straight from the token endpoint).
function checkIdToken(config, tokens, transaction) {
  if (!tokens.id_token) {
    throw new Error('the token response has no id_token');
  }

  const claims = decodeJwt(tokens.id_token);
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (claims.iss !== config.issuer) {
    throw new Error(`the id_token iss is ${claims.iss}, not ${config.issuer}`);
  }

  if (!audiences.includes(config.clientId)) {
    throw new Error(`the id_token is not for ${config.clientId}`);
  }

  if (transaction && claims.nonce !== transaction.nonce) {
    throw new Error('nonce mismatch: the id_token is not for this login');
  }

  return claims;
}

export async function refreshSession(session) {
  const form = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: session.refreshToken,
    client_id: session.config.clientId,
  });
  const tokens = await postToken(session.config, form);
  const claims = tokens.id_token ? decodeJwt(tokens.id_token) : { preferred_username: session.username };
  return saveSession(session.config, { ...tokens, id_token: tokens.id_token || session.idToken }, claims);
}

export function loadSession() {
  return JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
}

export function clearSession() {
  sessionStorage.removeItem(SESSION_KEY);
}

// OpenID Connect RP-Initiated Logout 1.0 §2: the broker's end-session endpoint.
export function logoutUrl(session) {
  const params = new URLSearchParams({
    client_id: session.config.clientId,
    post_logout_redirect_uri: `${location.origin}/dashboard/`,
  });
  if (session.idToken) {
    params.set('id_token_hint', session.idToken);
  }

  return `${session.config.logoutUri}?${params}`;
}

function saveSession(config, tokens, claims) {
  const expiresIn = Number(tokens.expires_in) > 0 ? Number(tokens.expires_in) : 300;
  const session = {
    config,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    idToken: tokens.id_token,
    username: claims.preferred_username || claims.sub || '',
    expiresIn,
    expiresAt: Date.now() + expiresIn * 1000,
  };
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  return session;
}

async function postToken(config, form) {
  let response;
  try {
    response = await fetch(config.tokenUri, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form,
    });
  } catch (e) {
    throw new Error(`the token endpoint could not be read (unreachable, or no CORS headers for this origin): ${e.message}`);
  }

  const text = await response.text();
  let body = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }

  if (!response.ok || !body || !body.access_token) {
    const error = body && body.error ? ` ${body.error}` : '';
    throw new Error(`the token endpoint answered ${response.status}${error}`);
  }

  return body;
}

function callbackParameters(responseMode) {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const query = new URLSearchParams(location.search);
  if (responseMode === 'fragment') {
    return fragment;
  }

  if (responseMode === 'query') {
    return query;
  }

  return fragment.has('code') || fragment.has('error') ? fragment : query;
}

export function decodeJwt(jwt) {
  const part = String(jwt).split('.')[1] || '';
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  try {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new Error('a token from the broker is not a readable JWT');
  }
}

// Unbiased: base64url of random bytes (RFC 7636 §4.1 allows exactly these characters).
function randomString(bytes) {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64Url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function sha256Base64Url(text) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return base64Url(new Uint8Array(digest));
}
