// The self-tests' second upstream identity provider: panva's oidc-provider (a certified OpenID
// provider) in its default configuration, with its own development login and consent pages, users
// alice and bob from findAccount, and the broker's client `pbench-broker`. Only what a real
// deployment has to set is set: keys, the client, the claims its scopes release, pairwise
// subjects (an opaque `sub`, as corporate IdPs give), and per variant:
//   --variant userinfo  profile claims only at userinfo (oidc-provider's default behaviour)
//   --variant es256     signs id_tokens with an ES256 key only
//   --variant pkce      requires PKCE from every client
//   --auth client_secret_basic|client_secret_post|private_key_jwt   the client's token endpoint auth
// It listens on 127.0.0.1 port 0 and prints `LISTENING <issuer>`; then it reads one JSON line on
// stdin, {"redirectUri": ..., "jwksUri": ...} (the broker's endpoint and, for private_key_jwt,
// its JWKS), builds the provider and prints `READY <issuer>`. It stops when stdin closes.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { exportJWK, generateKeyPair, calculateJwkThumbprint } from 'jose';
import Provider from 'oidc-provider';

const { values: args } = parseArgs({
  options: { variant: { type: 'string', default: 'userinfo' }, auth: { type: 'string', default: 'client_secret_basic' } },
});
if (!['userinfo', 'es256', 'pkce'].includes(args.variant)) throw new Error(`--variant ${args.variant}: userinfo, es256 or pkce`);

const users = {
  alice: { given_name: 'Alice', family_name: 'Anderson', name: 'Alice Anderson', email: 'alice@example.com' },
  bob: { given_name: 'Bob', family_name: 'Baker', name: 'Bob Baker', email: 'bob@example.com' },
};

async function signingKey() {
  const alg = args.variant === 'es256' ? 'ES256' : 'RS256';
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, alg, use: 'sig', kid: await calculateJwkThumbprint(jwk) };
}

let provider;
const server = createServer((req, res) => {
  if (!provider) {
    res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"temporarily_unavailable"}');
    return;
  }
  provider.callback()(req, res);
});
server.listen(0, '127.0.0.1', async () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  console.log(`LISTENING ${issuer}`);
  const key = await signingKey();
  const lines = createInterface({ input: process.stdin });
  let configured = false;
  lines.on('line', (line) => {
    if (configured) return;
    configured = true;
    const { redirectUri, jwksUri } = JSON.parse(line);
    provider = new Provider(issuer, {
      jwks: { keys: [key] },
      clients: [{
        client_id: 'pbench-broker',
        client_secret: 'pbench-broker-secret',
        redirect_uris: [redirectUri],
        token_endpoint_auth_method: args.auth,
        ...(args.auth === 'private_key_jwt' ? { jwks_uri: jwksUri } : {}),
        id_token_signed_response_alg: key.alg,
        subject_type: 'pairwise',
      }],
      claims: {
        openid: ['sub'],
        profile: ['name', 'given_name', 'family_name', 'preferred_username'],
        email: ['email', 'email_verified'],
      },
      subjectTypes: ['public', 'pairwise'],
      pairwiseIdentifier: (ctx, accountId, client) =>
        createHash('sha256').update(`${client.sectorIdentifier}|${accountId}|pbench-auth-spec`).digest('hex'),
      findAccount: (ctx, id) => (users[id] ? {
        accountId: id,
        claims: () => ({ sub: id, preferred_username: id, email_verified: true, ...users[id] }),
      } : undefined),
      pkce: { required: () => args.variant === 'pkce' },
      cookies: { keys: ['pbench-auth-spec-self-tests'] },
      // Its SSRF guard refuses loopback addresses; here the broker (whose JWKS it reads for
      // private_key_jwt) is on 127.0.0.1, so outgoing requests go without that guard.
      fetch: (url, options) => globalThis.fetch(url, { ...options, dispatcher: undefined }),
    });
    // Why a request was refused, on stderr (the tests show it when the provider misbehaves).
    for (const event of ['grant.error', 'authorization.error', 'userinfo.error', 'server_error']) {
      provider.on(event, (ctx, err) => console.error(`${event}: ${err.message} ${err.error_description ?? ''} ${err.error_detail ?? ''} ${err.cause?.message ?? ''} ${err.cause?.error_description ?? ''}`));
    }
    console.log(`READY ${issuer}`);
  });
  lines.on('close', () => { server.close(); process.exit(0); });
});
