/**
 * @module Zod schema of the email-change confirmation's input, over the normalised keys.
 */
import { z } from 'zod';

/** `POST /auth/email-change/confirm`: the token from the link mailed to the new address. */
export const confirmBody = z.object({ token: z.string().min(1).max(256) });
