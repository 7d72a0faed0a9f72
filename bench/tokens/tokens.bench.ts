/**
 * @module `npm run bench:tokens`: flowfull's PASETO v4 against its floor (raw node:crypto Ed25519
 * on the same message) and its peers (`paseto` for v4.public, `paseto-ts` for v4.local), in one
 * run, loopback only. Every key form flowfull accepts (KeyObject, PASERK string, raw bytes, and
 * raw bytes decoded anew on every call) has its own row. Prints a table, then one JSON line of the
 * figures.
 */
import { createSecretKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { loadavg } from 'node:os';
import { decodePaserk, encodePaserk, rawPublicKey, rawSecretKey, V4 } from 'flowfull/tokens';
import paseto from 'paseto';
import { decrypt as pasetoTsDecrypt, encrypt as pasetoTsEncrypt } from 'paseto-ts/v4';

import { type Case, median, SLICE_MS, SLICES, type Slice, slice } from './slices.js';

// One key pair in every form, so that every row signs and verifies the same thing.
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const secretRaw = rawSecretKey(privateKey); // 64 bytes: seed, then public key
const publicRaw = rawPublicKey(publicKey); // 32 bytes
const secretPaserk = encodePaserk('k4.secret', secretRaw);
const publicPaserk = encodePaserk('k4.public', publicRaw);
const localPaserk = await V4.generateKey('local');
const localRaw = decodePaserk(localPaserk).key;
const localKeyObject = createSecretKey(localRaw);
const loadAtStart = loadavg()[0] ?? 0;
const now = Date.now();
const payload = {
  sub: 'user_01HZX3J8Q9',
  aud: 'flowfull',
  jti: 'b2f1c7a4-0d9e-4c55-9a1e-6f7d3c2b1a00',
  typ: 'invitation',
  iat: new Date(now).toISOString(),
  exp: new Date(now + 3_600_000).toISOString(),
};
const message = Buffer.from(JSON.stringify(payload));
const rawSignature = sign(null, message, privateKey);
const ourPublicToken = await V4.sign(payload, privateKey);
const pasetoPublicToken = await paseto.V4.sign(payload, privateKey, { iat: false });
const ourLocalToken = await V4.encrypt(payload, localPaserk);
const pasetoTsLocalToken = pasetoTsEncrypt(localPaserk, payload, { addIat: false, addExp: false });

const floorSign = (): unknown => sign(null, message, privateKey);
const floorVerify = (): unknown => verify(null, message, publicKey, rawSignature);

// A heat is measured alone, its contenders taking turns slice by slice. The floor races flowfull in
// one heat and each peer in another: a peer's own load (e.g. \`paseto\` signs on the libuv thread
// pool) then never lands in the slices of the flowfull-versus-floor comparison.
const cases: Case[] = [
  { group: 'v4.public sign', name: 'node:crypto Ed25519 (floor)', run: floorSign },
  { group: 'v4.public sign', name: 'flowfull V4.sign (KeyObject)', run: () => V4.sign(payload, privateKey) },
  { group: 'v4.public sign', name: 'flowfull V4.sign (PASERK)', run: () => V4.sign(payload, secretPaserk) },
  { group: 'v4.public sign', name: 'flowfull V4.sign (raw bytes)', run: () => V4.sign(payload, secretRaw) },
  {
    group: 'v4.public sign',
    name: 'flowfull V4.sign (raw bytes, new copy per call)',
    run: () => V4.sign(payload, Buffer.from(secretRaw)),
  },
  { group: 'v4.public sign vs paseto', name: 'node:crypto Ed25519 (floor)', run: floorSign },
  {
    group: 'v4.public sign vs paseto',
    name: 'paseto V4.sign',
    run: () => paseto.V4.sign(payload, privateKey, { iat: false }),
  },
  { group: 'v4.public verify', name: 'node:crypto Ed25519 (floor)', run: floorVerify },
  {
    group: 'v4.public verify',
    name: 'flowfull V4.verify (KeyObject)',
    run: () => V4.verify(ourPublicToken, publicKey),
  },
  {
    group: 'v4.public verify',
    name: 'flowfull V4.verify (PASERK)',
    run: () => V4.verify(ourPublicToken, publicPaserk),
  },
  {
    group: 'v4.public verify',
    name: 'flowfull V4.verify (raw bytes)',
    run: () => V4.verify(ourPublicToken, publicRaw),
  },
  {
    group: 'v4.public verify',
    name: 'flowfull V4.verify (raw bytes, new copy per call)',
    run: () => V4.verify(ourPublicToken, Buffer.from(publicRaw)),
  },
  { group: 'v4.public verify vs paseto', name: 'node:crypto Ed25519 (floor)', run: floorVerify },
  {
    group: 'v4.public verify vs paseto',
    name: 'paseto V4.verify',
    run: () => paseto.V4.verify(pasetoPublicToken, publicKey),
  },
  {
    group: 'v4.local encrypt',
    name: 'flowfull V4.encrypt (PASERK)',
    run: () => V4.encrypt(payload, localPaserk),
  },
  {
    group: 'v4.local encrypt',
    name: 'flowfull V4.encrypt (KeyObject)',
    run: () => V4.encrypt(payload, localKeyObject),
  },
  {
    group: 'v4.local encrypt',
    name: 'flowfull V4.encrypt (raw bytes, new copy per call)',
    run: () => V4.encrypt(payload, Buffer.from(localRaw)),
  },
  {
    group: 'v4.local encrypt',
    name: 'paseto-ts encrypt',
    run: () => pasetoTsEncrypt(localPaserk, payload, { addIat: false, addExp: false }),
  },
  {
    group: 'v4.local decrypt',
    name: 'flowfull V4.decrypt (PASERK)',
    run: () => V4.decrypt(ourLocalToken, localPaserk),
  },
  {
    group: 'v4.local decrypt',
    name: 'flowfull V4.decrypt (KeyObject)',
    run: () => V4.decrypt(ourLocalToken, localKeyObject),
  },
  {
    group: 'v4.local decrypt',
    name: 'flowfull V4.decrypt (raw bytes, new copy per call)',
    run: () => V4.decrypt(ourLocalToken, Buffer.from(localRaw)),
  },
  {
    group: 'v4.local decrypt',
    name: 'paseto-ts decrypt',
    run: () => pasetoTsDecrypt(localPaserk, pasetoTsLocalToken),
  },
];

// Sanity: every contender produces something the others accept, so the figures compare like with like.
await V4.verify(pasetoPublicToken, publicKey);
await paseto.V4.verify(ourPublicToken, publicKey);
pasetoTsDecrypt(localPaserk, ourLocalToken);
await V4.decrypt(pasetoTsLocalToken, localPaserk);
for (const key of [secretPaserk, secretRaw]) {
  if ((await V4.sign(payload, key)) !== ourPublicToken) throw new Error('key forms sign differently');
}

for (const item of cases) for (let i = 0; i < 5; i++) await slice(item.run); // warm-up
const slices = new Map<Case, Slice[]>(cases.map((item) => [item, []]));
for (const group of new Set(cases.map((item) => item.group))) {
  const contenders = cases.filter((item) => item.group === group);
  for (let round = 0; round < SLICES; round++) {
    // The order rotates every round: garbage one contender leaves behind is collected during
    // whichever slice comes next, so no contender always follows the same neighbour.
    const order = contenders.map((_, index) => contenders[(index + round) % contenders.length]);
    for (const item of order) if (item !== undefined) slices.get(item)?.push(await slice(item.run));
  }
}
const result = new Map(cases.map((item) => [item, median(slices.get(item) ?? [])]));
const figure = (group: string, prefix: string): number =>
  [...result].find(([item]) => item.group === group && item.name.startsWith(prefix))?.[1] ?? 0;

const rows = cases.map((item) => {
  const ops = result.get(item) ?? 0;
  const reference = figure(item.group, 'node:crypto') || figure(item.group, 'paseto-ts');
  return {
    heat: item.group,
    contender: item.name,
    'ops/s': Math.round(ops),
    ratio: (ops / reference).toFixed(2),
  };
});
console.table(rows);

const signRatio = (form: string): number =>
  round2(figure('v4.public sign', `flowfull V4.sign (${form})`) / figure('v4.public sign', 'node:crypto'));
const verifyRatio = (form: string): number =>
  round2(
    figure('v4.public verify', `flowfull V4.verify (${form})`) / figure('v4.public verify', 'node:crypto'),
  );
const figures = {
  bench: 'tokens',
  node: process.version,
  sliceMs: SLICE_MS,
  slices: SLICES,
  loadAverage: { start: round2(loadAtStart), end: round2(loadavg()[0] ?? 0) },
  signOps: Math.round(figure('v4.public sign', 'flowfull V4.sign (KeyObject)')),
  signPaserkOps: Math.round(figure('v4.public sign', 'flowfull V4.sign (PASERK)')),
  signRawOps: Math.round(figure('v4.public sign', 'flowfull V4.sign (raw bytes)')),
  signRawCopyOps: Math.round(figure('v4.public sign', 'flowfull V4.sign (raw bytes, new copy')),
  signFloorOps: Math.round(figure('v4.public sign', 'node:crypto')),
  signPasetoOps: Math.round(figure('v4.public sign vs paseto', 'paseto')),
  verifyOps: Math.round(figure('v4.public verify', 'flowfull V4.verify (KeyObject)')),
  verifyPaserkOps: Math.round(figure('v4.public verify', 'flowfull V4.verify (PASERK)')),
  verifyRawOps: Math.round(figure('v4.public verify', 'flowfull V4.verify (raw bytes)')),
  verifyRawCopyOps: Math.round(figure('v4.public verify', 'flowfull V4.verify (raw bytes, new copy')),
  verifyFloorOps: Math.round(figure('v4.public verify', 'node:crypto')),
  verifyPasetoOps: Math.round(figure('v4.public verify vs paseto', 'paseto')),
  encryptOps: Math.round(figure('v4.local encrypt', 'flowfull V4.encrypt (PASERK)')),
  encryptKeyObjectOps: Math.round(figure('v4.local encrypt', 'flowfull V4.encrypt (KeyObject)')),
  encryptRawCopyOps: Math.round(figure('v4.local encrypt', 'flowfull V4.encrypt (raw bytes')),
  encryptPasetoTsOps: Math.round(figure('v4.local encrypt', 'paseto-ts')),
  decryptOps: Math.round(figure('v4.local decrypt', 'flowfull V4.decrypt (PASERK)')),
  decryptKeyObjectOps: Math.round(figure('v4.local decrypt', 'flowfull V4.decrypt (KeyObject)')),
  decryptRawCopyOps: Math.round(figure('v4.local decrypt', 'flowfull V4.decrypt (raw bytes')),
  decryptPasetoTsOps: Math.round(figure('v4.local decrypt', 'paseto-ts')),
  signVsFloor: signRatio('KeyObject'),
  signPaserkVsFloor: signRatio('PASERK'),
  signRawVsFloor: signRatio('raw bytes'),
  signRawCopyVsFloor: signRatio('raw bytes, new copy per call'),
  verifyVsFloor: verifyRatio('KeyObject'),
  verifyPaserkVsFloor: verifyRatio('PASERK'),
  verifyRawVsFloor: verifyRatio('raw bytes'),
  verifyRawCopyVsFloor: verifyRatio('raw bytes, new copy per call'),
  signPasetoVsFloor: round2(
    figure('v4.public sign vs paseto', 'paseto') / figure('v4.public sign vs paseto', 'node'),
  ),
  verifyPasetoVsFloor: round2(
    figure('v4.public verify vs paseto', 'paseto') / figure('v4.public verify vs paseto', 'node'),
  ),
  encryptVsPasetoTs: round2(
    figure('v4.local encrypt', 'flowfull V4.encrypt (PASERK)') / figure('v4.local encrypt', 'paseto-ts'),
  ),
  decryptVsPasetoTs: round2(
    figure('v4.local decrypt', 'flowfull V4.decrypt (PASERK)') / figure('v4.local decrypt', 'paseto-ts'),
  ),
};
console.log(JSON.stringify(figures));

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
