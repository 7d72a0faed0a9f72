/**
 * @module Registration: the service that creates accounts and the store it writes through.
 */
export type {
  RegistrationInput,
  RegistrationService,
  RegistrationServiceOptions,
  SelfRegistration,
} from './registration-service.js';
export { createRegistrationService } from './registration-service.js';
export type { RegistrationStore } from './registration-store.js';
export { createRegistrationStore } from './registration-store.js';
