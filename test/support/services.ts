/**
 * @module Gates integration suites on the real services found by the global setup.
 */
import { describe, inject } from 'vitest';
import type { TestService } from './service-urls.js';

export type { TestService } from './service-urls.js';
export { serviceUrls } from './service-urls.js';

/** True when the service answered before the run started. */
export function serviceAvailable(service: TestService): boolean {
  return inject('services')[service];
}

/**
 * `describe` for a suite that needs a real service: skipped (with the reason in its name) when the
 * service is missing outside CI. In CI a missing service already failed the run in global setup.
 */
export function describeWithService(service: TestService, name: string, body: () => void): void {
  const available = serviceAvailable(service);
  describe.skipIf(!available)(available ? name : `${name} [skipped: ${service} not reachable]`, body);
}

/**
 * `describe` for a suite that needs several real services: skipped, naming every missing one,
 * when any is missing outside CI.
 */
export function describeWithServices(services: readonly TestService[], name: string, body: () => void): void {
  const missing = services.filter((service) => !serviceAvailable(service));
  const label = missing.length === 0 ? name : `${name} [skipped: ${missing.join(', ')} not reachable]`;
  describe.skipIf(missing.length > 0)(label, body);
}
