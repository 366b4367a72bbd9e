import { WorkspaceStatus } from '../api/workspace';

/** The log tag of the benchmark's result line (Kaito v0.12 `benchmark_entrypoint.py`). @public */
export const BENCHMARK_RESULT_TAG = 'KAITO_BENCHMARK_RESULT';
/** The log tag of the benchmark's load line. @public */
export const BENCHMARK_CONFIG_TAG = 'KAITO_BENCHMARK_CONFIG';
/** How many of the leader's last log lines Kaito reads for the result. @public */
export const BENCHMARK_LOG_TAIL_LINES = 500;

/** The metric Kaito records: peak tokens per minute under a stress load. */
const PEAK_TPM = 'peakTokensPerMinute';

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
