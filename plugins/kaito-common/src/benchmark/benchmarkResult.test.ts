import { benchmarkRuntimeConfig, parseBenchmarkLog, readBenchmarkFigures } from './benchmarkResult';

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

describe("benchmarkRuntimeConfig, Kaito v0.12's engine metadata on the metric", () => {
  it.each<[string, 'vllm' | 'transformers', string | undefined, Record<string, string>]>([
    ['vLLM on the default base image', 'vllm', undefined, { engine: 'vllm', engineVersion: '0.25.1', quantization: '' }],
    ['vLLM on kaito-base 0.5.0', 'vllm', '0.5.0', { engine: 'vllm', engineVersion: '0.25.1', quantization: '' }],
    ['transformers on kaito-base 0.5.0', 'transformers', '0.5.0', { engine: 'transformers', engineVersion: '5.14.1', quantization: '' }],
    ['a base image tag whose engines are not known', 'vllm', '0.3.2', { engine: 'vllm', engineVersion: '', quantization: '' }],
  ])('for %s', (_, runtime, baseImageTag, expected) => {
    expect(benchmarkRuntimeConfig(runtime, { baseImageTag })).toEqual(expected);
  });

  it('goes into the metric after the load, as Kaito merges it', () => {
    const log = [CONFIG, RESULT].join('\n');
    const result = parseBenchmarkLog(log, benchmarkRuntimeConfig('vllm'));
    expect(result.ok && result.performance.metrics?.peakTokensPerMinute.config).toEqual({
      durationSec: '60',
      inputTokens: '1024',
      outputTokens: '256',
      maxConcurrency: '64',
      engine: 'vllm',
      engineVersion: '0.25.1',
      quantization: '',
    });
  });
});

describe('readBenchmarkFigures, status.performance read for display', () => {
  const recorded = {
    description: 'stress/high-concurrency',
    value: '182340.5',
    unit: 'tokens/min',
    config: { durationSec: '60', inputTokens: '1024', outputTokens: '256', maxConcurrency: '64', engine: 'vllm', engineVersion: '0.25.1', quantization: '', gpu: 'A100' },
  };

  it('reads a metric as Kaito records it: value, tokens/s, the load, the engine and its version', () => {
    expect(readBenchmarkFigures({ metrics: { peakTokensPerMinute: recorded } })).toEqual({
      problems: [],
      figures: [
        {
          name: 'peakTokensPerMinute',
          description: 'stress/high-concurrency',
          value: '182340.5',
          unit: 'tokens/min',
          amount: 182340.5,
          tokensPerSecond: 182340.5 / 60,
          load: { maxConcurrency: '64', inputTokens: '1024', outputTokens: '256', durationSec: '60' },
          engine: 'vllm',
          engineVersion: '0.25.1',
          quantization: '',
          otherConfig: [['gpu', 'A100']],
        },
      ],
    });
  });

  it.each<[string, unknown, { names: string[]; problems: string[] }]>([
    ['no performance', undefined, { names: [], problems: [] }],
    ['no metrics', {}, { names: [], problems: [] }],
    ['a performance that is not an object', 'fast', { names: [], problems: ['status.performance: expected an object'] }],
    ['metrics that are a list', { metrics: [recorded] }, { names: [], problems: ['status.performance.metrics: expected a map of metric name to metric'] }],
    ['a metric without a description', { metrics: { a: { value: '1' } } }, { names: [], problems: ['status.performance.metrics.a.description: Invalid input: expected string, received undefined'] }],
    ['a value that is a number, not a string', { metrics: { a: { description: 'd', value: 1 } } }, { names: [], problems: ['status.performance.metrics.a.value: Invalid input: expected string, received number'] }],
    ['a config value that is not a string', { metrics: { a: { description: 'd', value: '1', config: { engineVersion: 0.25 } } } }, { names: [], problems: ['status.performance.metrics.a.config.engineVersion: Invalid input: expected string, received number'] }],
    ['one good and one bad metric', { metrics: { z: recorded, a: { description: 'd' } } }, { names: ['z'], problems: ['status.performance.metrics.a.value: Invalid input: expected string, received undefined'] }],
    ['two good metrics, sorted by name', { metrics: { peakTokensPerMinute: recorded, aggregatedPeakTokensPerMinute: recorded } }, { names: ['aggregatedPeakTokensPerMinute', 'peakTokensPerMinute'], problems: [] }],
  ])('with %s', (_, performance, expected) => {
    const read = readBenchmarkFigures(performance);
    expect({ names: read.figures.map(f => f.name), problems: read.problems }).toEqual(expected);
  });

  it.each<[string, Record<string, unknown>, Partial<Record<'amount' | 'tokensPerSecond' | 'engine' | 'engineVersion' | 'quantization', unknown>>]>([
    ['a value that is no number', { value: 'n/a', unit: 'tokens/min' }, { amount: undefined, tokensPerSecond: undefined }],
    ['an empty value', { value: '', unit: 'tokens/min' }, { amount: undefined, tokensPerSecond: undefined }],
    ['a rate that is not per minute', { value: '120', unit: 'ms' }, { amount: 120, tokensPerSecond: undefined }],
    ['no engine metadata (an older Kaito)', { value: '60', unit: 'tokens/min', config: { engine: 'vllm' } }, { tokensPerSecond: 1, engine: 'vllm', engineVersion: undefined, quantization: undefined }],
    ['a quantized model', { value: '60', config: { engine: 'vllm', engineVersion: '0.25.1', quantization: 'awq' } }, { quantization: 'awq', engineVersion: '0.25.1' }],
  ])('reads %s', (_, metric, expected) => {
    const [figure] = readBenchmarkFigures({ metrics: { m: { description: 'd', ...metric } } }).figures;
    for (const [key, value] of Object.entries(expected)) expect(figure[key as keyof typeof figure]).toEqual(value);
  });
});
