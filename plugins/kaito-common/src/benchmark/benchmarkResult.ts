import { z } from 'zod';
import { PerformanceMetric, WorkspaceStatus } from '../api/workspace';
import { InferenceRuntime } from '../presets/modelPreset';
import { DEFAULT_BASE_IMAGE_TAG } from '../presets/findPreset';

/** The log tag of the benchmark's result line (Kaito v0.12 `benchmark_entrypoint.py`). @public */
export const BENCHMARK_RESULT_TAG = 'KAITO_BENCHMARK_RESULT';
/** The log tag of the benchmark's load line. @public */
export const BENCHMARK_CONFIG_TAG = 'KAITO_BENCHMARK_CONFIG';
/** How many of the leader's last log lines Kaito reads for the result. @public */
export const BENCHMARK_LOG_TAIL_LINES = 500;

/** The metric Kaito records: peak tokens per minute under a stress load. */
const PEAK_TPM = 'peakTokensPerMinute';

/** The `Metric.config` keys of the engine metadata Kaito v0.12 records with the benchmark. @public */
export const BenchmarkRuntimeKeys = {
  engine: 'engine',
  engineVersion: 'engineVersion',
  quantization: 'quantization',
} as const;

/** The `Metric.config` keys of the load the benchmark ran, in the order a reader wants them. @public */
export const BENCHMARK_LOAD_KEYS = ['maxConcurrency', 'inputTokens', 'outputTokens', 'durationSec'] as const;

/**
 * The serving engines' versions in `kaito-base`, by image tag: Kaito v0.12's
 * `supported_models.yaml` entry `base` (`runtimeVersion`), which is where its controller
 * reads the engineVersion it records. A tag not listed records an empty version, as Kaito
 * does when the version is not set.
 *
 * @public
 */
export const BASE_IMAGE_RUNTIME_VERSIONS: Readonly<Record<string, Readonly<Record<InferenceRuntime, string>>>> = {
  '0.5.0': { vllm: '0.25.1', transformers: '5.14.1' },
};

/**
 * The engine metadata Kaito v0.12 adds to the benchmark metric's config
 * (`RuntimeMetadataConfig`): the engine, its version in the base image, and the preset's
 * quantization. Kaito looks the quantization up by preset name in `supported_models.yaml`,
 * none of whose v0.12.0 entries names a `quantMethod`, so the key is always written and
 * empty (Kaito's "not quantized"); the catalog's quantization (fp8, mxfp4…) is not recorded.
 *
 * @public
 */
export function benchmarkRuntimeConfig(runtime: InferenceRuntime, options: { baseImageTag?: string } = {}): Record<string, string> {
  const tag = options.baseImageTag ?? DEFAULT_BASE_IMAGE_TAG;
  return {
    [BenchmarkRuntimeKeys.engine]: runtime,
    [BenchmarkRuntimeKeys.engineVersion]: BASE_IMAGE_RUNTIME_VERSIONS[tag]?.[runtime] ?? '',
    [BenchmarkRuntimeKeys.quantization]: '',
  };
}

/** The benchmark's result, as `status.performance`, or why there is none. @public */
export type BenchmarkResult = { ok: true; performance: NonNullable<WorkspaceStatus['performance']> } | { ok: false; message: string };

/**
 * Reads the post-load benchmark's result from the leader pod's log as Kaito v0.12 does: the
 * last `KAITO_BENCHMARK_RESULT <label> {json}` line gives `vllm_total_tpm` (a run with no
 * tokens failed), the last `KAITO_BENCHMARK_CONFIG <label> {json}` line the load
 * (duration, input and output tokens, concurrency), and `runtime` the engine's metadata.
 *
 * @public
 */
export function parseBenchmarkLog(log: string, runtime: Record<string, string> = {}): BenchmarkResult {
  let result: string | undefined;
  let config: string | undefined;
  for (const line of log.split('\n')) {
    const resultPayload = tagPayload(line, BENCHMARK_RESULT_TAG);
    if (resultPayload !== undefined) {
      result = resultPayload;
      continue;
    }
    const configPayload = tagPayload(line, BENCHMARK_CONFIG_TAG);
    if (configPayload !== undefined) config = configPayload;
  }
  if (result === undefined) {
    return { ok: false, message: `no ${BENCHMARK_RESULT_TAG} line found in pod logs` };
  }
  let payload: { vllm_total_tpm?: unknown };
  try {
    payload = JSON.parse(result);
  } catch (cause) {
    return { ok: false, message: `parsing benchmark result JSON "${result}": ${(cause as Error).message}` };
  }
  const tpm = typeof payload.vllm_total_tpm === 'number' ? payload.vllm_total_tpm : 0;
  if (!(tpm > 0)) {
    return { ok: false, message: `benchmark failed: TPM value ${tpm} indicates a failed or incomplete run` };
  }
  const load: Record<string, string> = {};
  if (config !== undefined) {
    try {
      const c = JSON.parse(config) as Record<string, unknown>;
      const whole = (value: unknown) => String(Math.trunc(typeof value === 'number' ? value : 0));
      load.durationSec = whole(c.duration_sec);
      load.inputTokens = whole(c.input_tokens);
      load.outputTokens = whole(c.output_tokens);
      load.maxConcurrency = whole(c.max_concurrency);
    } catch {
      // Kaito keeps the result when the load line does not parse.
    }
  }
  const metricConfig = { ...load, ...runtime };
  return {
    ok: true,
    performance: {
      metrics: {
        [PEAK_TPM]: {
          description: 'stress/high-concurrency',
          value: String(tpm),
          unit: 'tokens/min',
          ...(Object.keys(metricConfig).length ? { config: metricConfig } : {}),
        },
      },
    },
  };
}

/** The text after the tag and the word that follows it, as Kaito extracts a payload. */
function tagPayload(line: string, tag: string): string | undefined {
  const at = line.indexOf(tag);
  if (at === -1) return undefined;
  const rest = line.slice(at + tag.length).trim();
  const space = rest.indexOf(' ');
  return space === -1 ? undefined : rest.slice(space + 1).trim();
}

/** One metric as the Workspace CRD declares it: description and value required, all strings. */
const metricSchema = z.object({
  description: z.string(),
  value: z.string(),
  unit: z.string().optional(),
  config: z.record(z.string(), z.string()).optional(),
});

/** A benchmark metric read for display. @public */
export interface BenchmarkFigure {
  /** The metric's key, e.g. `peakTokensPerMinute`. */
  name: string;
  /** The load pattern, e.g. `stress/high-concurrency`. */
  description: string;
  /** The value as recorded. */
  value: string;
  unit?: string;
  /** The value as a number, when it is one. */
  amount?: number;
  /** For a per-minute token rate: tokens per second. */
  tokensPerSecond?: number;
  /** The load it ran: maxConcurrency, inputTokens, outputTokens, durationSec (those present). */
  load: Partial<Record<(typeof BENCHMARK_LOAD_KEYS)[number], string>>;
  /** The serving engine, its version and the weights' quantization (empty: none recorded). */
  engine?: string;
  engineVersion?: string;
  quantization?: string;
  /** Any other config keys, sorted. */
  otherConfig: [string, string][];
}

/**
 * Reads `status.performance` (from a cluster, so untrusted) for display: each metric the
 * Workspace CRD's schema allows becomes a {@link BenchmarkFigure}; each one that does not is
 * left out and named in `problems`. Sorted by metric name.
 *
 * @public
 */
export function readBenchmarkFigures(performance: unknown): { figures: BenchmarkFigure[]; problems: string[] } {
  const problems: string[] = [];
  if (performance === undefined || performance === null) return { figures: [], problems };
  if (typeof performance !== 'object' || Array.isArray(performance)) {
    return { figures: [], problems: ['status.performance: expected an object'] };
  }
  const metrics = (performance as { metrics?: unknown }).metrics;
  if (metrics === undefined) return { figures: [], problems };
  if (typeof metrics !== 'object' || metrics === null || Array.isArray(metrics)) {
    return { figures: [], problems: ['status.performance.metrics: expected a map of metric name to metric'] };
  }
  const figures: BenchmarkFigure[] = [];
  for (const [name, raw] of Object.entries(metrics).sort(byKey)) {
    const parsed = metricSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = ['status.performance.metrics', name, ...issue.path.map(String)].join('.');
      problems.push(`${path}: ${issue.message}`);
      continue;
    }
    figures.push(toFigure(name, parsed.data));
  }
  return { figures, problems };
}

/** Orders entries by key, by code unit (the same in every locale). */
function byKey([a]: [string, unknown], [b]: [string, unknown]): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function toFigure(name: string, metric: PerformanceMetric & { description: string }): BenchmarkFigure {
  const config = metric.config ?? {};
  const amount = metric.value.trim() === '' ? Number.NaN : Number(metric.value);
  const runtimeKeys = new Set<string>(Object.values(BenchmarkRuntimeKeys));
  const loadKeys = new Set<string>(BENCHMARK_LOAD_KEYS);
  const load: BenchmarkFigure['load'] = {};
  for (const key of BENCHMARK_LOAD_KEYS) if (config[key] !== undefined) load[key] = config[key];
  return {
    name,
    description: metric.description,
    value: metric.value,
    ...(metric.unit ? { unit: metric.unit } : {}),
    ...(Number.isFinite(amount) ? { amount } : {}),
    ...(Number.isFinite(amount) && metric.unit === 'tokens/min' ? { tokensPerSecond: amount / 60 } : {}),
    load,
    ...(config.engine !== undefined ? { engine: config.engine } : {}),
    ...(config.engineVersion !== undefined ? { engineVersion: config.engineVersion } : {}),
    ...(config.quantization !== undefined ? { quantization: config.quantization } : {}),
    otherConfig: Object.entries(config)
      .filter(([key]) => !runtimeKeys.has(key) && !loadKeys.has(key))
      .sort(byKey),
  };
}
