import { describe, expect, it } from 'vitest';
import type { ValidationContext } from './types.js';
import { ValidationMode } from './validation-mode.js';

const recorded = { sessionIP: '10.0.0.1', sessionUserAgent: 'UA/1', sessionDeviceId: 'dev-1' };
const same: ValidationContext = {
  ...recorded,
  currentIP: '10.0.0.1',
  currentUserAgent: 'UA/1',
  currentDeviceId: 'dev-1',
};

function recordingLogger() {
  const entries: { fields: Record<string, unknown>; message: string }[] = [];
  return {
    entries,
    warn: (fields: Record<string, unknown>, message: string) => entries.push({ fields, message }),
  };
}

describe('ValidationMode', () => {
  it('defaults to ADVANCED', () => {
    expect(new ValidationMode().mode).toBe('ADVANCED');
  });

  it('DISABLED allows any change', () => {
    const result = new ValidationMode({ mode: 'DISABLED' }).validateSession({
      ...recorded,
      currentIP: '1.1.1.1',
      currentUserAgent: 'other',
      currentDeviceId: 'other',
    });
    expect(result).toEqual({ valid: true, violations: [], action: 'allow' });
  });

  it('STANDARD denies an IP change and ignores User-Agent and device changes', () => {
    const modes = new ValidationMode({ mode: 'STANDARD' });
    const ipChanged = modes.validateSession({ ...same, currentIP: '10.0.0.2' });
    expect(ipChanged.action).toBe('deny');
    expect(ipChanged.violations.map((v) => [v.type, v.severity])).toEqual([['ip_mismatch', 'medium']]);
    expect(
      modes.validateSession({ ...same, currentUserAgent: 'UA/2', currentDeviceId: 'dev-2' }).action,
    ).toBe('allow');
  });

  it('treats an IPv4-mapped IPv6 address as its IPv4 form', () => {
    const modes = new ValidationMode({ mode: 'STANDARD' });
    expect(modes.validateSession({ ...same, currentIP: '::ffff:10.0.0.1' }).action).toBe('allow');
  });

  it('ADVANCED denies a User-Agent change and a device change', () => {
    const modes = new ValidationMode({ mode: 'ADVANCED' });
    const ua = modes.validateSession({ ...same, currentUserAgent: 'UA/2' });
    expect(ua.action).toBe('deny');
    expect(ua.violations.map((v) => v.type)).toEqual(['user_agent_mismatch']);
    const device = modes.validateSession({ ...same, currentDeviceId: 'dev-2' });
    expect(device.violations).toEqual([
      { type: 'device_mismatch', severity: 'high', message: 'Device id changed' },
    ]);
  });

  it('ADVANCED allows an unchanged fingerprint', () => {
    expect(new ValidationMode({ mode: 'ADVANCED' }).validateSession(same).valid).toBe(true);
  });

  it('adds a critical suspicious_activity violation when several factors change at once', () => {
    const result = new ValidationMode({ mode: 'ADVANCED' }).validateSession({
      ...same,
      currentIP: '10.9.9.9',
      currentDeviceId: 'dev-2',
    });
    expect(result.violations.map((v) => [v.type, v.severity])).toEqual([
      ['suspicious_activity', 'critical'],
      ['ip_mismatch', 'medium'],
      ['device_mismatch', 'high'],
    ]);
  });

  it('STRICT invalidates on any violation', () => {
    const result = new ValidationMode({ mode: 'STRICT' }).validateSession({
      ...same,
      currentUserAgent: 'UA/2',
    });
    expect(result.action).toBe('invalidate');
  });

  it('autoInvalidate turns deny into invalidate', () => {
    const modes = new ValidationMode({ mode: 'STANDARD', autoInvalidate: true });
    expect(modes.validateSession({ ...same, currentIP: '10.0.0.2' }).action).toBe('invalidate');
  });

  it('enabled: false only warns', () => {
    const modes = new ValidationMode({ mode: 'STRICT', enabled: false });
    const result = modes.validateSession({ ...same, currentIP: '10.0.0.2' });
    expect(result).toMatchObject({ valid: false, action: 'warn' });
  });

  it('skips a factor when its flag is off', () => {
    const modes = new ValidationMode({ mode: 'ADVANCED', ipValidation: false, deviceValidation: false });
    expect(modes.validateSession({ ...same, currentIP: '10.0.0.2', currentDeviceId: 'x' }).action).toBe(
      'allow',
    );
  });

  it('does not check a factor the session did not record, but a dropped value is a mismatch', () => {
    const modes = new ValidationMode({ mode: 'ADVANCED' });
    expect(
      modes.validateSession({ ...same, sessionDeviceId: null, currentDeviceId: 'anything' }).action,
    ).toBe('allow');
    expect(modes.validateSession({ ...same, currentDeviceId: null }).violations[0]?.type).toBe(
      'device_mismatch',
    );
  });

  it('logs violations with the given fields and never the session id', () => {
    const logger = recordingLogger();
    new ValidationMode({ mode: 'STANDARD', logger }).validateSession(
      { ...same, currentIP: '10.0.0.2' },
      { user_id: 'u1' },
    );
    expect(logger.entries).toHaveLength(1);
    expect(logger.entries[0]?.fields).toMatchObject({
      event: 'session_security_violation',
      action: 'deny',
      user_id: 'u1',
      violations: [{ type: 'ip_mismatch', severity: 'medium' }],
    });
  });

  it('does not log when logViolations is off', () => {
    const logger = recordingLogger();
    new ValidationMode({ mode: 'STANDARD', logger, logViolations: false }).validateSession({
      ...same,
      currentIP: '10.0.0.2',
    });
    expect(logger.entries).toHaveLength(0);
  });

  it('rejects an unknown mode with a TypeError naming the option', () => {
    // @ts-expect-error: an invalid mode, as it could come from untyped input
    expect(() => new ValidationMode({ mode: 'PARANOID' })).toThrow(/option "mode"/);
  });

  describe('passes()', () => {
    const session = { ip_address: '10.0.0.1', user_agent: 'UA/1', device_id: 'd1' };
    const request = { ip: '10.0.0.1', user_agent: 'UA/1', device_id: 'd1' };

    it('is true when nothing the mode checks differs, including a mapped IPv4 form of the same IP', () => {
      const modes = new ValidationMode({ mode: 'ADVANCED' });
      expect(modes.passes(request, session)).toBe(true);
      expect(modes.passes({ ...request, ip: '::ffff:10.0.0.1' }, session)).toBe(true);
    });

    it('is false for each factor the mode checks, and agrees with validateSession()', () => {
      const modes = new ValidationMode({ mode: 'ADVANCED' });
      for (const changed of [{ ip: '10.0.0.2' }, { user_agent: 'UA/2' }, { device_id: null }]) {
        expect(modes.passes({ ...request, ...changed }, session)).toBe(false);
      }
      expect(
        modes.validateSession({ currentDeviceId: null, sessionDeviceId: 'd1', currentIP: '10.0.0.1' }).valid,
      ).toBe(false);
    });

    it('ignores what the mode does not check: STANDARD only the IP, DISABLED nothing', () => {
      const changedUa = { ...request, user_agent: 'UA/2' };
      expect(new ValidationMode({ mode: 'STANDARD' }).passes(changedUa, session)).toBe(true);
      expect(new ValidationMode({ mode: 'STANDARD' }).passes({ ...request, ip: '10.9.9.9' }, session)).toBe(
        false,
      );
      expect(new ValidationMode({ mode: 'DISABLED' }).passes({ ip: '10.9.9.9' }, session)).toBe(true);
      expect(
        new ValidationMode({ mode: 'ADVANCED', userAgentValidation: false }).passes(changedUa, session),
      ).toBe(true);
    });

    it('passes a session that recorded no fingerprint', () => {
      const bare = { ip_address: null, user_agent: null, device_id: null };
      expect(new ValidationMode({ mode: 'STRICT' }).passes({ ip: '10.0.0.9' }, bare)).toBe(true);
    });
  });
});
