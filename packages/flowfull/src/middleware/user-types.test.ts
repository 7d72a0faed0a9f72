import { describe, expect, it } from 'vitest';
import { ADMIN_USER_TYPES, canonicalUserType, isAdminUserType, SUPERADMIN_USER_TYPE } from './user-types.js';

describe('canonicalUserType()', () => {
  it.each(['superadmin', 'super_admin', 'Super-Admin', 'SUPERADMIN', 'superAdmin', ' super admin '])(
    'maps %j to superadmin',
    (spelling) => {
      expect(canonicalUserType(spelling)).toBe(SUPERADMIN_USER_TYPE);
    },
  );

  it.each(['admin', 'Admin', 'ADMIN', ' admin'])('maps %j to admin', (spelling) => {
    expect(canonicalUserType(spelling)).toBe('admin');
  });

  it('leaves other types as they are, trimmed (user types are free-form)', () => {
    expect(canonicalUserType('customer')).toBe('customer');
    expect(canonicalUserType(' Teacher ')).toBe('Teacher');
    expect(canonicalUserType('sub_admin')).toBe('sub_admin');
    expect(canonicalUserType('superadmins')).toBe('superadmins');
  });
});

describe('isAdminUserType()', () => {
  it('admits exactly admin and superadmin, compared as sent', () => {
    expect(ADMIN_USER_TYPES).toEqual(['admin', 'superadmin']);
    expect(isAdminUserType('admin')).toBe(true);
    expect(isAdminUserType('superadmin')).toBe(true);
    expect(isAdminUserType('super_admin')).toBe(false);
    expect(isAdminUserType('Admin')).toBe(false);
    expect(isAdminUserType('customer')).toBe(false);
  });
});
