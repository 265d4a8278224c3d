// Drives openid-client's introspect() and revoke() against a realm, as a resource server and a
// client would: node introspect-revoke.js REALM_URL ACCESS_TOKEN REFRESH_TOKEN
'use strict';
const { Issuer } = require('openid-client');

async function main() {
  const [realm, accessToken, refreshToken] = process.argv.slice(2);
  const issuer = await Issuer.discover(realm);
  const resourceServer = new issuer.Client({ client_id: 'pbench-automation', client_secret: 'pbench-automation-secret' });
  const app = new issuer.Client({ client_id: 'pbench-client', token_endpoint_auth_method: 'none' });
  const before = await resourceServer.introspect(accessToken, 'access_token');
  await app.revoke(refreshToken, 'refresh_token');
  await app.revoke(accessToken, 'access_token');
  const after = await resourceServer.introspect(accessToken, 'access_token');
  process.stdout.write(JSON.stringify({ before, after }) + '\n');
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exit(1);
});
