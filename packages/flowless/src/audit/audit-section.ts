/**
 * @module The audit-log variables of the Flowless configuration.
 */
import { envInteger, envVariable } from 'flowfull/config';

/** `AUDIT_RETENTION_DAYS` and its neighbours, spread into the Flowless section. */
export const auditSection = {
  AUDIT_RETENTION_DAYS: envVariable(
    envInteger({ min: 1, max: 36_500 }),
    '90',
    'Days audit events are kept; older ones go with the periodic purge (PURGE_INTERVAL_MS).',
  ),
} as const;
