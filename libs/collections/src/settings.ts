import { CollectionsPolicy, DEFAULT_COLLECTIONS_POLICY, MetricsConfig } from '@settle/domain';

/** How the process and its views judge each client; shared so that they always agree. */
export interface CollectionsSettings {
  /** The ladder and rules per client (SPEC 5: configurable per client). */
  policyFor(clientId: string): CollectionsPolicy;
  /** Thresholds of the trend and risk figures; the domain defaults when absent. */
  metrics?: MetricsConfig;
}

export const DEFAULT_COLLECTIONS_SETTINGS: CollectionsSettings = { policyFor: () => DEFAULT_COLLECTIONS_POLICY };
