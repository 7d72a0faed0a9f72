/**
 * @module Prometheus metrics: request histogram plus cache, validation, violation and breaker figures.
 */
export type { HttpMetrics, HttpMetricsOptions } from './http-metrics.js';
export { createHttpMetrics } from './http-metrics.js';
export type { CacheFigures, MetricSources } from './metric-sources.js';
