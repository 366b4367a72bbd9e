/**
 * Upper bounds on what a portal request may carry, checked before any other
 * work so that no later check (regex, scan, cluster call) ever sees an
 * unbounded string. Each bound follows the Kubernetes or registry limit of
 * the field it guards, or is a generous ceiling where there is none.
 *
 * @public
 */
export const InputLimits = {
  /** DNS-1123 labels: workspace, namespace, cluster and adapter names (Kubernetes: 63). */
  name: 63,
  /** DNS-1123 subdomains: Secret and ConfigMap names (Kubernetes: 253). */
  objectName: 253,
  /** Entity refs (`kind:namespace/name`): Backstage names are 63, namespaces 63, kinds short; 255 leaves room. */
  entityRef: 255,
  /** Preset names and Hugging Face ids (`org/model`: 96 + 96 on the Hub); instance types. */
  preset: 255,
  /** Container image references (registry host, path, tag and digest). */
  image: 1024,
  /** Tuning data URLs: the practical URL limit of browsers and proxies. */
  url: 2048,
  /** Tuning data URLs per workspace. */
  urls: 100,
  /** Adapters per workspace. */
  adapters: 16,
  /** Pull secrets per adapter. */
  pullSecrets: 16,
  /** Node selector entries. */
  selectorEntries: 32,
  /** Label keys: a 253-character prefix, `/`, a 63-character name. */
  labelKey: 317,
  /** Label values (Kubernetes: 63). */
  labelValue: 63,
  /** Short free-form fields such as an adapter's strength. */
  short: 32,
  /**
   * One chat message's text: 1 MiB, above any context window we serve. The whole
   * chat body is bounded first by `kaito.chat.maxRequestBytes` (64 KiB by default).
   */
  chatContent: 1_048_576,
  /** Messages in one chat request. */
  chatMessages: 1000,
} as const;

/** @public */
export type InputLimit = keyof typeof InputLimits;
