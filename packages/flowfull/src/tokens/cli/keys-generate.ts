/**
 * @module `npm run keys:generate`: prints a fresh set of trust token keys as environment lines.
 * Printing the secret keys is the point of this command; nothing else in flowfull prints a key.
 */

import { paserkId } from '../paseto/paserk.js';
import { V4 } from '../paseto/v4.js';

const { secretKey, publicKey } = await V4.generateKey('public');
const localKey = await V4.generateKey('local');

console.log(
  `# Trust token keys, generated ${new Date().toISOString()}. Keep the secret and local keys secret.`,
);
console.log(`# kid of this key pair: ${paserkId(publicKey)}`);
console.log(
  '# Rotating: keep the previous public key in TRUST_TOKEN_PUBLIC_KEYS (comma-separated) until its tokens expire.',
);
console.log(`TRUST_TOKEN_SECRET_KEY=${secretKey}`);
console.log(`TRUST_TOKEN_PUBLIC_KEYS=${publicKey}`);
console.log(`TRUST_TOKEN_LOCAL_KEY=${localKey}`);
