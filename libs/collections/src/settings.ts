import { type Agreement, type CollectionsPolicy, DEFAULT_COLLECTIONS_POLICY, type MetricsConfig, withAgreedSettings } from '@settle/domain';

/** How the process and its views judge each client; shared so that they always agree. */
export interface CollectionsSettings {
  /** The process's ladder and rules for a client, before its agreed rungs (see `clientPolicy`). */
  policyFor(clientId: string): CollectionsPolicy;
  /** Thresholds of the trend and risk figures; the domain defaults when absent. */
  metrics?: MetricsConfig;
}

export const DEFAULT_COLLECTIONS_SETTINGS: CollectionsSettings = { policyFor: () => DEFAULT_COLLECTIONS_POLICY };

/** What the process and its views apply to a client: the settings' policy with the rungs and settings its agreement sets. */
export const clientPolicy = (settings: CollectionsSettings, clientId: string, agreement: Agreement | undefined): CollectionsPolicy =>
  withAgreedSettings(settings.policyFor(clientId), agreement);
