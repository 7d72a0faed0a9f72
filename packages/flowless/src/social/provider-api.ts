/**
 * @module JSON requests to a plain OAuth 2.0 provider's REST API with the user's access token,
 * failures mapped to social failures (unreachable or 5xx: `provider_unavailable`; 401:
 * `token_rejected` when asked; anything else unexpected: `provider_error`).
 */
import type { z } from 'zod';
import { socialError } from './social-errors.js';

/** One API request. */
export interface ProviderApiRequest<T> {
  readonly url: string | URL;
  /** Sent as `authorization: Bearer <token>`; null sends no authorization header. */
  readonly accessToken: string | null;
  readonly schema: z.ZodType<T>;
  readonly timeoutMs: number;
  /** Extra request headers. @default {} */
  readonly headers?: Readonly<Record<string, string>>;
  /** Maps 401 to `token_rejected` instead of `provider_error`. @default false */
  readonly unauthorizedIsRejection?: boolean;
}

/**
 * Fetches and parses one JSON resource.
 *
 * @example
 * ```ts
 * const me = await providerApi({ url: `${api}/users/@me`, accessToken, schema, timeoutMs: 10_000 });
 * ```
 */
export async function providerApi<T>(request: ProviderApiRequest<T>): Promise<T> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      headers: {
        accept: 'application/json',
        'user-agent': 'flowless',
        ...(request.accessToken !== null && { authorization: `Bearer ${request.accessToken}` }),
        ...request.headers,
      },
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (error) {
    throw socialError('provider_unavailable', error);
  }
  if (response.status >= 500) {
    await response.body?.cancel();
    throw socialError('provider_unavailable');
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw socialError(
      response.status === 401 && request.unauthorizedIsRejection ? 'token_rejected' : 'provider_error',
    );
  }
  const parsed = request.schema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw socialError('provider_error', parsed.error);
  return parsed.data;
}

/**
 * Joins an API base and a path, whatever trailing slashes the base has.
 *
 * @example
 * ```ts
 * joinUrl('https://discord.com/', '/api/users/@me'); // 'https://discord.com/api/users/@me'
 * ```
 */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}
