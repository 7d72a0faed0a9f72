/**
 * @module Zod schemas that read one environment variable each (a string or nothing) and produce
 * its typed value. Packages use them to add their own sections to the configuration.
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import { isPaserk } from '../tokens/paseto/paserk.js';

/** Input of every env schema: the raw variable, absent or a string. */
type Raw = string | undefined;

/** An env schema: reads a raw variable, outputs `T`. */
export type EnvSchema<T> = z.ZodType<T, Raw>;

// An empty assignment (`FOO=`) in a .env file means "not set", as most dotenv users expect.
const raw = z.preprocess((value) => (value === '' ? undefined : value), z.string().optional());

function withDefault(fallback: string | undefined): z.ZodType<string | undefined, Raw> {
  return raw.transform((value) => value ?? fallback) as z.ZodType<string | undefined, Raw>;
}

function required<T>(
  fallback: string | undefined,
  parse: (value: string, ctx: z.RefinementCtx) => T | typeof z.NEVER,
): EnvSchema<T> {
  return withDefault(fallback).transform((value, ctx) => {
    if (value === undefined) {
      ctx.addIssue({ code: 'custom', message: 'is required' });
      return z.NEVER;
    }
    return parse(value.trim(), ctx);
  }) as EnvSchema<T>;
}

/**
 * A boolean: `true`, `false`, `1` or `0` (any case). Without `fallback` the variable is required
 * (a section usually gives the default to `envVariable` instead).
 *
 * @example envBoolean(true)
 */
export function envBoolean(fallback?: boolean): EnvSchema<boolean> {
  return required(fallback === undefined ? undefined : String(fallback), (value, ctx) => {
    const lower = value.toLowerCase();
    if (lower === 'true' || lower === '1') return true;
    if (lower === 'false' || lower === '0') return false;
    ctx.addIssue({ code: 'custom', message: 'must be true, false, 1 or 0' });
    return z.NEVER;
  });
}

/** Bounds of an integer variable. */
export interface EnvIntegerOptions {
  /** Used when the variable is not set; without it the variable is required. */
  default?: number;
  /** Smallest accepted value. @default 0 */
  min?: number;
  /** Largest accepted value. @default Number.MAX_SAFE_INTEGER */
  max?: number;
}

/**
 * A whole number within bounds.
 *
 * @example envInteger({ default: 3001, min: 0, max: 65535 })
 */
export function envInteger(options: EnvIntegerOptions = {}): EnvSchema<number> {
  const { min = 0, max = Number.MAX_SAFE_INTEGER } = options;
  return required(options.default === undefined ? undefined : String(options.default), (value, ctx) => {
    const parsed = /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
      return z.NEVER;
    }
    return parsed;
  });
}

/**
 * A duration given in seconds in the environment, resolved to milliseconds.
 *
 * @example envSeconds({ default: 300, min: 1 }) // CACHE_TTL=300 → 300000
 */
export function envSeconds(options: EnvIntegerOptions = {}): EnvSchema<number> {
  return envInteger(options).transform((seconds) => seconds * 1000) as EnvSchema<number>;
}

/**
 * One of a fixed set of strings (matched case-insensitively, output as listed).
 *
 * @example envEnum(['DISABLED', 'STANDARD', 'ADVANCED', 'STRICT'], 'ADVANCED')
 */
export function envEnum<const V extends string>(values: readonly V[], fallback?: V): EnvSchema<V> {
  return required(fallback, (value, ctx) => {
    const found = values.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
    if (found !== undefined) return found;
    ctx.addIssue({ code: 'custom', message: `must be one of ${values.join(', ')}` });
    return z.NEVER;
  });
}

/** Options of a string variable. */
export interface EnvStringOptions {
  /** Used when the variable is not set; without it the variable is required. */
  default?: string;
  /** Shortest accepted length. @default 1 */
  minLength?: number;
}

/**
 * A required string (or one with a default). Its value never appears in error messages.
 *
 * @example envString({ minLength: 32 }) // BRIDGE_VALIDATION_SECRET
 */
export function envString(options: EnvStringOptions = {}): EnvSchema<string> {
  const { minLength = 1 } = options;
  return required(options.default, (value, ctx) => {
    if (value.length >= minLength) return value;
    ctx.addIssue({ code: 'custom', message: `must be at least ${minLength} characters long` });
    return z.NEVER;
  });
}

/**
 * An optional string: its value, or `null` when not set.
 *
 * @example envOptionalString() // LIBSQL_AUTH_TOKEN
 */
export function envOptionalString(): EnvSchema<string | null> {
  return raw.transform((value) => value?.trim() || null) as EnvSchema<string | null>;
}

/**
 * A URL with one of the given protocols, or `null` when optional and not set.
 *
 * @example envUrl({ protocols: ['http:', 'https:'], default: 'http://localhost:3000' })
 */
export function envUrl(options: { protocols: readonly string[]; default?: string }): EnvSchema<string> {
  return required(options.default, (value, ctx) => {
    if (URL.canParse(value) && options.protocols.includes(new URL(value).protocol)) {
      return value.replace(/\/+$/, '');
    }
    ctx.addIssue({
      code: 'custom',
      message: `must be a URL starting with ${options.protocols.map((protocol) => `${protocol}//`).join(' or ')}`,
    });
    return z.NEVER;
  });
}

/**
 * An optional URL with one of the given protocols; `null` when not set.
 *
 * @example envOptionalUrl({ protocols: ['redis:', 'rediss:'] }) // REDIS_URL
 */
export function envOptionalUrl(options: { protocols: readonly string[] }): EnvSchema<string | null> {
  return raw.transform((value, ctx) => {
    const trimmed = value?.trim();
    if (!trimmed) return null;
    if (URL.canParse(trimmed) && options.protocols.includes(new URL(trimmed).protocol)) return trimmed;
    ctx.addIssue({
      code: 'custom',
      message: `must be a URL starting with ${options.protocols.map((protocol) => `${protocol}//`).join(' or ')}`,
    });
    return z.NEVER;
  }) as EnvSchema<string | null>;
}

/**
 * A comma-separated list; empty when not set.
 *
 * @example envList() // TRUST_TOKEN_PUBLIC_KEYS=k4.public.a,k4.public.b
 */
export function envList(): EnvSchema<readonly string[]> {
  return raw.transform((value) =>
    Object.freeze(
      (value ?? '')
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0),
    ),
  ) as EnvSchema<readonly string[]>;
}

function isCidrOrIp(entry: string): boolean {
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : -1;
  return bits >= 0 && bits <= (family === 4 ? 32 : 128);
}

/**
 * A comma-separated list of IP addresses and CIDR ranges (IPv4 or IPv6); empty when not set.
 *
 * @example envCidrList() // TRUSTED_PROXIES=10.0.0.0/8,::1
 */
export function envCidrList(): EnvSchema<readonly string[]> {
  return envList().transform((entries, ctx) => {
    const bad = entries.filter((entry) => !isCidrOrIp(entry));
    if (bad.length === 0) return entries;
    ctx.addIssue({ code: 'custom', message: `not an IP address or CIDR range: ${bad.join(', ')}` });
    return z.NEVER;
  }) as EnvSchema<readonly string[]>;
}

/** A PASERK key type: `k4.secret`, `k4.public` or `k4.local`. */
export type PaserkKeyKind = 'k4.secret' | 'k4.public' | 'k4.local';

/**
 * An optional PASERK key of one kind (`k4.secret.…`, `k4.public.…`, `k4.local.…`); `null` when not
 * set. The value is never echoed in errors.
 *
 * @example envPaserk('k4.secret') // TRUST_TOKEN_SECRET_KEY
 */
export function envPaserk(kind: PaserkKeyKind): EnvSchema<string | null> {
  return envOptionalString().transform((value, ctx) => {
    if (value === null || isPaserk(value, kind)) return value;
    ctx.addIssue({ code: 'custom', message: `must be a PASERK ${kind} key (${kind}.<base64url>)` });
    return z.NEVER;
  }) as EnvSchema<string | null>;
}

/**
 * A comma-separated list of PASERK keys of one kind; empty when not set.
 *
 * @example envPaserkList('k4.public') // TRUST_TOKEN_PUBLIC_KEYS
 */
export function envPaserkList(kind: PaserkKeyKind): EnvSchema<readonly string[]> {
  return envList().transform((keys, ctx) => {
    const bad = keys.filter((key) => !isPaserk(key, kind)).length;
    if (bad === 0) return keys;
    ctx.addIssue({ code: 'custom', message: `${bad} of ${keys.length} entries are not PASERK ${kind} keys` });
    return z.NEVER;
  }) as EnvSchema<readonly string[]>;
}
