/**
 * @module Users: repository, record and the emitted JSON shape.
 */
export type { PublicUser } from './user-presenter.js';
export { presentUser } from './user-presenter.js';
export type { UserRecord } from './user-record.js';
export { toUserRecord } from './user-record.js';
export type { NewUser, UserChanges, UserListQuery, UserPage, UserRepository } from './user-repository.js';
export { createUserRepository } from './user-repository.js';
