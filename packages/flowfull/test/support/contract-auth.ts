/**
 * @module The set-up of the auth middleware suites: an in-memory Flowless contract and bridge
 * validators that reach it through its `fetch`, closed and reset by vitest hooks.
 */
import { afterAll, afterEach } from 'vitest';
import { BridgeValidator, type BridgeValidatorOptions } from '../../src/bridge/index.js';
import { type ContractSession, FlowlessContract } from '../../src/testing/index.js';

/** Options of {@link useContractAuth}. */
export interface ContractAuthOptions {
  /** Sessions the contract knows from the start. @default none */
  sessions?: Readonly<Record<string, ContractSession>>;
  /** Options of every validator of the suite, over the in-memory defaults. @default none */
  validator?: Partial<BridgeValidatorOptions>;
}

/** What {@link useContractAuth} gives a suite. */
export interface ContractAuth {
  /** The Flowless stand-in, in memory. */
  readonly flowless: FlowlessContract;
  /** The suite's validator (made on first use), closed after the suite. */
  readonly validator: BridgeValidator;
  /** Another validator with `overrides`, closed after the test. */
  makeValidator(overrides?: Partial<BridgeValidatorOptions>): BridgeValidator;
}

/**
 * Sets up a suite's Flowless contract and validators; after each test it clears faults, latency
 * and request counts and closes the validators made during the test.
 */
export function useContractAuth(options: ContractAuthOptions = {}): ContractAuth {
  const flowless = FlowlessContract.create({ sessions: options.sessions ?? {} });
  const defaults: BridgeValidatorOptions = {
    flowlessApiUrl: flowless.url,
    validationSecret: flowless.secret,
    fetch: flowless.fetch,
    // The feed is a stream over a socket; these suites are about the middleware.
    revocationSource: 'off',
    validationMode: { mode: 'DISABLED' },
    ...options.validator,
  };
  let shared: BridgeValidator | undefined;
  const perTest: BridgeValidator[] = [];

  afterEach(async () => {
    await Promise.all(perTest.splice(0).map((v) => v.close()));
    flowless.setFault(null);
    flowless.setLatency(0);
    flowless.resetCounts();
  });
  afterAll(() => shared?.close());

  return {
    flowless,
    get validator() {
      shared ??= new BridgeValidator(defaults);
      return shared;
    },
    makeValidator: (overrides = {}) => {
      const created = new BridgeValidator({ ...defaults, ...overrides });
      perTest.push(created);
      return created;
    },
  };
}
