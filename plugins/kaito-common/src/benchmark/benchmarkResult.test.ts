import { parseBenchmarkLog } from './benchmarkResult';

const asPattern = (message: string | RegExp) => (typeof message === 'string' ? new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : message);

const RESULT = 'KAITO_BENCHMARK_RESULT result {"vllm_total_tpm": 182340.5, "ttft_avg_ms": 210.4, "tpot_avg_ms": 18.2}';
const CONFIG = 'KAITO_BENCHMARK_CONFIG config {"duration_sec": 60, "input_tokens": 1024, "output_tokens": 256, "max_concurrency": 64}';

describe("parseBenchmarkLog, as Kaito v0.12's controller reads the leader's log", () => {
  it('records peak tokens per minute with the load and the engine', () => {
    const log = ['INFO starting', `2026-01-01T00:00:00Z ${CONFIG}`, `2026-01-01T00:01:00Z ${RESULT}`, 'INFO done'].join('\n');
    expect(parseBenchmarkLog(log, { engine: 'vllm' })).toEqual({
      ok: true,
      performance: {
        metrics: {
          peakTokensPerMinute: {
            description: 'stress/high-concurrency',
            value: '182340.5',
            unit: 'tokens/min',
            config: { durationSec: '60', inputTokens: '1024', outputTokens: '256', maxConcurrency: '64', engine: 'vllm' },
          },
        },
      },
    });
  });

  it('takes the last result line when the benchmark ran twice', () => {
    const log = [RESULT, RESULT.replace('182340.5', '90000')].join('\n');
    const result = parseBenchmarkLog(log);
    expect(result.ok && result.performance.metrics?.peakTokensPerMinute.value).toBe('90000');
  });

  it.each([
    ['no result line', 'INFO Uvicorn running', 'no KAITO_BENCHMARK_RESULT line found in pod logs'],
    ['a result line without a label', 'KAITO_BENCHMARK_RESULT', 'no KAITO_BENCHMARK_RESULT line found in pod logs'],
    ['a run with no tokens', 'KAITO_BENCHMARK_RESULT result {"vllm_total_tpm": 0}', 'benchmark failed: TPM value 0 indicates a failed or incomplete run'],
    ['a result that is no JSON', 'KAITO_BENCHMARK_RESULT result {tpm', /^parsing benchmark result JSON "\{tpm": /],
  ])('refuses %s', (_name, log, message) => {
    expect(parseBenchmarkLog(log)).toEqual({ ok: false, message: expect.stringMatching(asPattern(message)) });
  });

  it('keeps the result when the load line does not parse', () => {
    const result = parseBenchmarkLog(['KAITO_BENCHMARK_CONFIG config {oops', RESULT].join('\n'));
    expect(result.ok && result.performance.metrics?.peakTokensPerMinute.config).toBeUndefined();
  });
});
