import { createSecretKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import {
  createMemoryTokenStateStore,
  createTrustTokens,
  publicKeyId,
  TokenDuplicateKeyError,
  TokenError,
  V4,
} from 'flowfull/tokens';
import { describe, expect, it } from 'vitest';
import { hasDuplicateKey } from '../../src/tokens/paseto/json-duplicate-keys.js';
import { forgeLocal, forgePublic } from './support/forge-token.js';
import { hasDuplicate, jsonObjectTree, jsonText, jsonTree } from './support/json-tree.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const localRaw = randomBytes(32);
const localKey = createSecretKey(localRaw);
const trustTokens = createTrustTokens({
  keys: { secretKey: privateKey },
  store: createMemoryTokenStateStore(),
});
const kid = publicKeyId(publicKey);
const later = new Date(Date.now() + 3_600_000).toISOString();
const runs = { numRuns: 300 };

// The outcome of consuming a token: 'accepted', or the code of the TokenError it was rejected with.
// Anything else thrown (a TypeError, a RangeError, a SyntaxError) fails the property.
async function outcome(consume: () => Promise<unknown>): Promise<string> {
  try {
    await consume();
    return 'accepted';
  } catch (error) {
    if (error instanceof TokenError) return error.code;
    throw error;
  }
}

const consumers: Record<string, (token: string) => Promise<unknown>> = {
  'V4.verify': (token) => V4.verify(token, publicKey, { complete: true }),
  'V4.decrypt': (token) => V4.decrypt(token, localKey, { complete: true }),
  'trustTokens.verify': (token) => trustTokens.verify(token, { type: 'invite' }),
};

const base64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');
const header = fc.constantFrom('v4.public.', 'v4.local.', 'v3.public.', 'v4.', '', 'k4.public.');
const alphabet = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=.+/ \u00e9\ud800'];

describe('the token parser on hostile input', () => {
  it('rejects arbitrary strings with a TokenError only', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.tuple(header, fc.string()).map(([h, s]) => h + s),
        ),
        async (token) => {
          for (const consume of Object.values(consumers))
            expect(await outcome(() => consume(token))).not.toBe('accepted');
        },
      ),
      runs,
    );
  });

  it('rejects arbitrary bytes as body and footer with a TokenError only', async () => {
    await fc.assert(
      fc.asyncProperty(
        header,
        fc.uint8Array({ maxLength: 200 }),
        fc.option(
          fc.oneof(
            fc.uint8Array({ maxLength: 80 }),
            fc.string().map((s) => Buffer.from(s)),
          ),
        ),
        async (prefix, body, footer) => {
          const token = `${prefix}${base64url(body)}${footer === null ? '' : `.${base64url(footer)}`}`;
          for (const consume of Object.values(consumers))
            expect(await outcome(() => consume(token))).not.toBe('accepted');
        },
      ),
      runs,
    );
  });

  it('accepts validly signed or encrypted arbitrary bytes only when they are a JSON object without duplicate keys', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 120 }),
          fc.string({ unit: 'binary' }).map((s) => Buffer.from(s)),
          jsonTree.map((tree) => Buffer.from(jsonText(tree))),
        ),
        async (message) => {
          // The same reading as the verifier's: strict UTF-8 (a leading BOM dropped), then JSON.parse.
          let expected = 'ERR_TOKEN_INVALID';
          try {
            const text = new TextDecoder('utf-8', { fatal: true }).decode(message);
            const parsed: unknown = JSON.parse(text);
            if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
              // A generated time claim would be checked (and be malformed): not what this is about.
              fc.pre(!['exp', 'nbf', 'iat'].some((claim) => Object.hasOwn(parsed, claim)));
              expected = hasDuplicateKey(text, parsed) ? 'ERR_TOKEN_DUPLICATE_KEY' : 'accepted';
            }
          } catch (error) {
            if (fc.PreconditionFailure.isFailure(error)) throw error;
            // not UTF-8 or not JSON: ERR_TOKEN_INVALID
          }
          expect(await outcome(() => V4.verify(forgePublic(message, '', privateKey), publicKey))).toBe(
            expected,
          );
          expect(await outcome(() => V4.decrypt(forgeLocal(message, '', localRaw), localKey))).toBe(expected);
        },
      ),
      runs,
    );
  });

  it('rejects every truncation of a valid token with a TokenError only', async () => {
    const tokens = {
      'V4.verify': await V4.sign({ sub: 'user_1', exp: later }, privateKey, { footer: { kid: 'k' } }),
      'V4.decrypt': await V4.encrypt({ sub: 'user_1', exp: later }, localKey, { footer: { kid: 'k' } }),
      'trustTokens.verify': (await trustTokens.issue('invite', { sub: 'user_1' })).token,
    };
    for (const [name, token] of Object.entries(tokens)) {
      const consume = consumers[name];
      if (consume === undefined) throw new Error(name);
      expect(await outcome(() => consume(token))).toBe('accepted');
      for (let length = 0; length < token.length; length++) {
        const code = await outcome(() => consume(token.slice(0, length)));
        expect([name, length, code]).not.toEqual([name, length, 'accepted']);
      }
    }
  });

  it('rejects a valid token with any one character changed, with a TokenError only', async () => {
    const tokens = [
      {
        name: 'V4.verify',
        token: await V4.sign({ sub: 'user_1', exp: later }, privateKey, { footer: { kid } }),
      },
      {
        name: 'V4.decrypt',
        token: await V4.encrypt({ sub: 'user_1', exp: later }, localKey, { footer: { kid: 'k' } }),
      },
      { name: 'trustTokens.verify', token: (await trustTokens.issue('invite', { sub: 'user_1' })).token },
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...tokens),
        fc.nat(),
        fc.constantFrom(...alphabet),
        async ({ name, token }, at, replacement) => {
          const position = at % token.length;
          fc.pre(token[position] !== replacement);
          const mutated = token.slice(0, position) + replacement + token.slice(position + 1);
          const consume = consumers[name];
          if (consume === undefined) throw new Error(name);
          expect(await outcome(() => consume(mutated))).not.toBe('accepted');
        },
      ),
      runs,
    );
  });

  it('hasDuplicateKey() finds a duplicate key exactly when a generated document has one', () => {
    fc.assert(
      fc.property(jsonTree, (tree) => {
        const text = jsonText(tree);
        expect(hasDuplicateKey(text, JSON.parse(text))).toBe(hasDuplicate(tree));
      }),
      { numRuns: 3000 },
    );
  });

  it('rejects a payload with a duplicate key at any depth, and accepts it otherwise', async () => {
    await fc.assert(
      fc.asyncProperty(jsonObjectTree, async (tree) => {
        const text = jsonText(tree);
        const expected = hasDuplicate(tree) ? 'ERR_TOKEN_DUPLICATE_KEY' : 'accepted';
        expect(hasDuplicateKey(text, JSON.parse(text))).toBe(hasDuplicate(tree));
        // A generated time claim would be checked (and be malformed): not what this property is about.
        fc.pre(
          tree.kind !== 'object' || tree.entries.every((entry) => !['exp', 'nbf', 'iat'].includes(entry.key)),
        );
        const consumeOptions = { now: () => 0 };
        expect(
          await outcome(() => V4.verify(forgePublic(text, '', privateKey), publicKey, consumeOptions)),
        ).toBe(expected);
        expect(
          await outcome(() => V4.decrypt(forgeLocal(text, '', localRaw), localKey, consumeOptions)),
        ).toBe(expected);
        expect(await outcome(() => V4.sign(text, privateKey))).toBe(expected);
        expect(await outcome(() => V4.verify(forgePublic('{}', text, privateKey), publicKey))).toBe(expected);
        expect(await outcome(() => V4.sign({}, privateKey, { footer: text }))).toBe(expected);
      }),
      runs,
    );
  });

  it('rejects a trust token whose footer repeats its kid, before any key is picked', async () => {
    await fc.assert(
      fc.asyncProperty(jsonTree, fc.boolean(), async (other, kidFirst) => {
        const entries = [`"kid":"${kid}"`, `"kid":${jsonText(other)}`];
        const footer = `{${(kidFirst ? entries : entries.reverse()).join(',')}}`;
        fc.pre(Buffer.byteLength(footer) <= 512); // longer footers are refused before parsing
        const token = forgePublic(
          JSON.stringify({ typ: 'invite', jti: 'j', iat: later, exp: later }),
          footer,
          privateKey,
        );
        const error = await trustTokens.verify(token, { type: 'invite' }).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(TokenDuplicateKeyError);
      }),
      runs,
    );
  });
});
