/**
 * @module The second-factor logic shared by login and the `/auth/two_factor` routes: which methods
 * a user has and must use, setting factors up, sending codes, and checking a code against one
 * factor. Every check spends its use in the database (a TOTP step by compare-and-set, an emailed
 * code or a backup code by a conditional write), so a code works once across every instance.
 */
import { randomInt } from 'node:crypto';
import type { FlowlessConfig } from '../config/flowless-config.js';
import type { Mailer } from '../mail/mailer.js';
import { type TwoFactorChange, twoFactorChangeMail, twoFactorCodeMail } from '../mail/templates.js';
import type { BackgroundTasks } from '../runtime/background-tasks.js';
import type { Clock } from '../runtime/clock.js';
import { safeEqual } from '../secrets/opaque-secret.js';
import type { SmsSender } from '../sms/sms-sender.js';
import type { UserRecord } from '../users/user-record.js';
import { newBackupCodes, normaliseBackupCode } from './backup-codes.js';
import type { TwoFactorMethodName, TwoFactorMethodRecord } from './factor-store.js';
import type { PasskeyService } from './passkeys/passkey-service.js';
import type { PasskeyRecord } from './passkeys/passkey-store.js';
import { matchTotpStep, newTotpSecret, qrSvg, totpUri } from './totp.js';
import type { TwoFactorKeys } from './two-factor-keys.js';
import type { TwoFactorStore } from './two-factor-store.js';

/** Methods that prove possession on their own (backup codes only stand in for them). */
export const PRIMARY_METHODS: readonly TwoFactorMethodName[] = ['totp', 'email', 'sms', 'passkey'];

/** Outcome of sending a code. */
export type SendOutcome = { sent: true; expiresInS: number } | { sent: false; reason: 'throttled' };

/** Dependencies of {@link createTwoFactorService}. */
export interface TwoFactorServiceOptions {
  config: FlowlessConfig;
  store: TwoFactorStore;
  keys: TwoFactorKeys;
  clock: Clock;
  mailer: Mailer;
  /** The SMS sender, or null when texts cannot be sent (the sms method is then unavailable). */
  sms: SmsSender | null;
  tasks: BackgroundTasks;
  /** The user's passkeys, listed among the factors as method `passkey`. */
  passkeys: PasskeyService;
}

/** The second-factor service. */
export interface TwoFactorService {
  /** Methods a user may set up on this server. */
  availableMethods(): TwoFactorMethodName[];
  /** The user's factors. */
  methodsOf(userId: string): Promise<TwoFactorMethodRecord[]>;
  /** Whether the user's type is one that must use a second factor. */
  isRequiredFor(user: UserRecord): boolean;
  /** The active factors login can use (primary methods, plus backup codes when codes are left). */
  loginMethods(user: UserRecord, methods: readonly TwoFactorMethodRecord[]): Promise<TwoFactorMethodRecord[]>;
  /** Whether a password login of `user` must stop for a second factor. */
  mustVerify(user: UserRecord, methods: readonly TwoFactorMethodRecord[]): boolean;
  /** Starts a TOTP setup: a new pending factor; null when an active one exists. */
  setupTotp(
    user: UserRecord,
  ): Promise<{ method: TwoFactorMethodRecord; secret: string; uri: string; svg: string } | null>;
  /** Starts an email/sms setup: a pending factor; null when an active one exists. */
  setupCoded(
    user: UserRecord,
    method: 'email' | 'sms',
    identifier: string,
  ): Promise<TwoFactorMethodRecord | null>;
  /** Sends a fresh code of an email/sms factor, bound to one session. */
  sendCode(factor: TwoFactorMethodRecord, sessionHash: string): Promise<SendOutcome>;
  /**
   * Checks `code` against `factor` and spends it: true for exactly one caller per code. An
   * emailed/texted code allows TWO_FACTOR_MAX_ATTEMPTS tries and is bound to `sessionHash`.
   * A passkey has no code (its assertion is checked by the passkey service): always false.
   */
  checkCode(factor: TwoFactorMethodRecord, code: string, sessionHash: string): Promise<boolean>;
  /** Turns a pending factor active; true for the one caller that did. */
  activate(factor: TwoFactorMethodRecord): Promise<boolean>;
  /** Deletes one factor of a user (its codes and challenges too); true when it existed. */
  remove(factor: TwoFactorMethodRecord): Promise<boolean>;
  /** Deletes every backup code of a user and its backup_codes factor. */
  voidBackupCodes(userId: string): Promise<void>;
  /** Replaces the user's backup codes; returns the new codes (shown once). */
  regenerateBackupCodes(userId: string): Promise<string[]>;
  /** Mails a notice of a change to the account's address, in the background. */
  notify(user: UserRecord, change: TwoFactorChange, method?: string): void;
}

/** A passkey as a factor: always active, named by its `identifier`. */
const passkeyFactor = (passkey: PasskeyRecord): TwoFactorMethodRecord => ({
  id: passkey.id,
  userId: passkey.userId,
  method: 'passkey',
  status: 'active',
  sealedSecret: null,
  identifier: passkey.name,
  lastStep: 0,
  createdAt: passkey.createdAt,
  lastUsedAt: passkey.lastUsedAt,
});

// Bound to the challenge, so a code hash cannot be moved to another challenge row.
const challengeHash = (keys: TwoFactorKeys, sessionHash: string, factorId: string, code: string) =>
  keys.hmac('challenge_code', `${sessionHash}:${factorId}:${code}`);

/** {@link TwoFactorService.sendCode}. */
function sendCode(options: TwoFactorServiceOptions): TwoFactorService['sendCode'] {
  const { config, store, keys, clock, mailer, sms } = options;
  return async (factor, sessionHash) => {
    const codeMinutes = Math.round(config.TWO_FACTOR_CODE_TTL_MS / 60_000);
    const now = clock.now();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const stored = await store.putChallenge(
      {
        userId: factor.userId,
        methodId: factor.id,
        sessionHash,
        codeHash: challengeHash(keys, sessionHash, factor.id, code),
        expiresAt: now + config.TWO_FACTOR_CODE_TTL_MS,
      },
      now,
      config.TWO_FACTOR_RESEND_INTERVAL_MS,
    );
    if (!stored) return { sent: false, reason: 'throttled' };
    const to = factor.identifier ?? '';
    if (factor.method === 'sms' && sms) {
      await sms.send({
        to,
        kind: 'two_factor_code',
        text: `Your verification code is ${code}. It expires in ${codeMinutes} minutes.`,
      });
    } else {
      await mailer.send(twoFactorCodeMail(to, code, codeMinutes));
    }
    return { sent: true, expiresInS: Math.round(config.TWO_FACTOR_CODE_TTL_MS / 1000) };
  };
}

/** {@link TwoFactorService.checkCode}. */
function checkCode(options: TwoFactorServiceOptions): TwoFactorService['checkCode'] {
  const { config, store, keys, clock } = options;
  return async (factor, code, sessionHash) => {
    const now = clock.now();
    const typed = code.trim();
    if (factor.method === 'totp') {
      const secret = factor.sealedSecret ? keys.open(factor.sealedSecret) : null;
      if (!secret) return false;
      const step = await matchTotpStep(secret, typed, now);
      // The compare-and-set spends the step: a replay, here or on another instance, finds
      // last_step already at (or past) it.
      return step !== null && (await store.acceptStep(factor.id, step, now));
    }
    if (factor.method === 'email' || factor.method === 'sms') {
      if (!/^\d{6}$/.test(typed)) return false;
      const challenge = await store.findChallenge(sessionHash, factor.id);
      if (!challenge || challenge.expiresAt <= now) return false;
      if (!(await store.reserveChallengeAttempt(challenge.id, config.TWO_FACTOR_MAX_ATTEMPTS))) return false;
      if (!safeEqual(challengeHash(keys, sessionHash, factor.id, typed), challenge.codeHash)) return false;
      const won = await store.consumeChallenge(challenge.id);
      if (won) await store.touch(factor.id, now);
      return won;
    }
    if (factor.method === 'backup_codes') {
      const normalised = normaliseBackupCode(typed);
      if (!normalised) return false;
      const won = await store.consumeBackupCode(factor.userId, keys.hmac('backup_code', normalised), now);
      if (won) await store.touch(factor.id, now);
      return won;
    }
    return false;
  };
}

/**
 * Creates the {@link TwoFactorService}.
 */
export function createTwoFactorService(options: TwoFactorServiceOptions): TwoFactorService {
  const { config, store, keys, clock, mailer, sms, tasks, passkeys } = options;
  const required = new Set(config.TWO_FACTOR_REQUIRED_USER_TYPES);

  return {
    availableMethods() {
      return sms
        ? ['totp', 'email', 'sms', 'passkey', 'backup_codes']
        : ['totp', 'email', 'passkey', 'backup_codes'];
    },
    async methodsOf(userId) {
      const [rows, registered] = await Promise.all([store.methodsOf(userId), passkeys.listOf(userId)]);
      return [...rows, ...registered.map(passkeyFactor)];
    },
    isRequiredFor(user) {
      return required.has(user.userType);
    },
    async loginMethods(user, methods) {
      const usable = methods.filter(
        (m) =>
          m.status === 'active' && PRIMARY_METHODS.includes(m.method) && (m.method !== 'sms' || sms !== null),
      );
      if (usable.length === 0) return [];
      const backup = methods.find((m) => m.method === 'backup_codes' && m.status === 'active');
      if (backup && (await store.backupCodesLeft(user.id)) > 0) usable.push(backup);
      return usable;
    },
    mustVerify(user, methods) {
      if (required.has(user.userType)) return true;
      return (
        user.twoFactor && methods.some((m) => m.status === 'active' && PRIMARY_METHODS.includes(m.method))
      );
    },
    async setupTotp(user) {
      const secret = newTotpSecret();
      const method = await store.putPending(
        user.id,
        'totp',
        { sealedSecret: keys.seal(secret) },
        clock.now(),
      );
      if (!method) return null;
      const uri = totpUri({ issuer: config.TWO_FACTOR_ISSUER, label: user.email, secret });
      return { method, secret, uri, svg: qrSvg(uri) };
    },
    setupCoded(user, method, identifier) {
      return store.putPending(user.id, method, { identifier }, clock.now());
    },
    sendCode: sendCode(options),
    checkCode: checkCode(options),
    activate(factor) {
      return store.activate(factor.id, clock.now());
    },
    remove(factor) {
      if (factor.method === 'passkey') return passkeys.remove(factor.userId, factor.id);
      return store.remove(factor.userId, factor.id);
    },
    voidBackupCodes(userId) {
      return store.removeBackupCodes(userId);
    },
    async regenerateBackupCodes(userId) {
      const codes = newBackupCodes();
      const now = clock.now();
      await store.ensureBackupRow(userId, now);
      await store.replaceBackupCodes(
        userId,
        codes.map((code) => keys.hmac('backup_code', normaliseBackupCode(code) ?? code)),
        now,
      );
      return codes;
    },
    notify(user, change, method) {
      tasks.run('mail.two_factor_change', () => mailer.send(twoFactorChangeMail(user.email, change, method)));
    },
  };
}
