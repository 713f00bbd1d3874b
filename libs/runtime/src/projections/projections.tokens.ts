/** The thresholds and weights of the behaviour and risk figures (`MetricsConfig`, defaults in @settle/domain). */
export const METRICS_CONFIG = Symbol('METRICS_CONFIG');
