import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { acceptedBody } from './accepted-body.js';

describe('acceptedBody', () => {
  const handlerSchema = z.object({
    new_password: z.string(),
    user_name: z.string().optional(),
    lang: z.string().optional(),
    token: z.string(),
  });
  const accepted = acceptedBody(handlerSchema);

  it('lists aliased keys under every casing, none of them required', () => {
    expect(Object.keys(accepted.shape).sort()).toEqual(
      ['lang', 'newPassword', 'new_password', 'token', 'userName', 'user_name', 'username'].sort(),
    );
    expect(accepted.safeParse({ token: 't' }).success).toBe(true);
  });

  it('keeps required keys without aliases required and lets optional keys be null', () => {
    expect(accepted.safeParse({ lang: null }).success).toBe(false);
    expect(accepted.safeParse({ token: 't', lang: null, user_name: null }).success).toBe(true);
    expect(accepted.safeParse({ token: 't', newPassword: null }).success).toBe(false);
  });

  it('says in the description which keys are alternatives', () => {
    expect(accepted.shape.newPassword?.description).toBe('Required (this or new_password)');
    expect(accepted.shape.userName?.description).toBe('Optional; also accepted as user_name or username');
  });
});
