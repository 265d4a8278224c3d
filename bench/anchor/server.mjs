// The benchmark anchor: npm oauth2-mock-server with an RS256 key on 127.0.0.1:PORT.
// The key is the broker's fixture key (no key generation at start, as for MockBroker).
//   node server.mjs PORT PEM_FILE
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { OAuth2Server } from 'oauth2-mock-server';

const [port, pemFile] = process.argv.slice(2);
if (!port || !pemFile) {
  console.error('usage: node server.mjs PORT PEM_FILE');
  process.exit(2);
}

const jwk = createPrivateKey(readFileSync(pemFile, 'utf8')).export({ format: 'jwk' });
const server = new OAuth2Server();
await server.issuer.keys.add({ ...jwk, alg: 'RS256', use: 'sig', kid: 'bench-anchor' });
await server.start(Number(port), '127.0.0.1');
console.log(`oauth2-mock-server listening on ${server.issuer.url}`);
