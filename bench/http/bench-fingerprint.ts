/**
 * @module The request fingerprint (User-Agent, device id) shared by the bench:http sessions and
 * the load generator, so ADVANCED mode sees matching requests.
 */

/** User-Agent of every bench request and bench session. */
export const BENCH_USER_AGENT = 'flowfull-bench';

/** `X-Device-ID` of every bench request and bench session. */
export const BENCH_DEVICE = 'bench-device';
