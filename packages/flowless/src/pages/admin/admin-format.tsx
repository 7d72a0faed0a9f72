/**
 * @module Small display parts of the admin pages: times (UTC, machine-readable in `datetime`) and
 * yes/no.
 */

/** `2025-01-31 14:05 UTC`. */
export function formatTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * A point in time, or "never" when there is none.
 */
export function Time({ ms, never = 'never' }: { ms: number | null; never?: string }) {
  if (ms === null) return <span class="muted">{never}</span>;
  return <time datetime={new Date(ms).toISOString()}>{formatTime(ms)}</time>;
}

/** "Yes" or "No". */
export const yesNo = (value: boolean): string => (value ? 'Yes' : 'No');
