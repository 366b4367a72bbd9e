import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import type { PerformanceMetric } from '@kaito-backstage/plugin-kaito-common';
import { BenchmarkCard } from './BenchmarkCard';

/** A metric as Kaito v0.12 records it. */
const recorded = (config: Record<string, string>): PerformanceMetric => ({
  description: 'stress/high-concurrency',
  value: '182340.5',
  unit: 'tokens/min',
  config: {
    maxConcurrency: '64',
    inputTokens: '1024',
    outputTokens: '256',
    durationSec: '60',
    ...config,
  },
});

async function rowOf(metrics: Record<string, PerformanceMetric>) {
  await renderInTestApp(<BenchmarkCard metrics={metrics} />);
  const table = await screen.findByRole('table', { name: 'Benchmark' });
  const [, row] = within(table).getAllByRole('row');
  return within(row)
    .getAllByRole('cell')
    .map(cell => cell.textContent);
}

describe('BenchmarkCard', () => {
  it.each<[string, Record<string, string>, string]>([
    [
      'the engine and its version',
      { engine: 'vllm', engineVersion: '0.25.1', quantization: '' },
      'vLLM 0.25.1',
    ],
    [
      'transformers',
      { engine: 'transformers', engineVersion: '5.14.1', quantization: '' },
      'transformers 5.14.1',
    ],
    [
      'a recorded quantization',
      { engine: 'vllm', engineVersion: '0.25.1', quantization: 'awq' },
      'vLLM 0.25.1, awq weights',
    ],
    ['an engine with no version (an older Kaito)', { engine: 'vllm' }, 'vLLM'],
    ['no engine', {}, '-'],
  ])('shows %s', async (_, config, engine) => {
    expect(await rowOf({ peakTokensPerMinute: recorded(config) })).toEqual([
      'Peak throughput',
      '182,340.5 tokens/min (3,039 tokens/s)',
      'stress/high-concurrency',
      'concurrency 64, input tokens 1024, output tokens 256, seconds 60',
      engine,
    ]);
  });

  it('shows a value that is no number as written, without tokens/s', async () => {
    const cells = await rowOf({
      peakTokensPerMinute: { ...recorded({}), value: 'n/a' },
    });
    expect(cells[1]).toBe('n/a tokens/min');
  });

  it('leaves out a metric that breaks the CRD schema and says so', async () => {
    await renderInTestApp(
      <BenchmarkCard
        metrics={{
          peakTokensPerMinute: recorded({ engine: 'vllm' }),
          broken: { value: 12 } as unknown as PerformanceMetric,
        }}
      />,
    );
    const table = await screen.findByRole('table', { name: 'Benchmark' });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(
      screen.getByText(
        /^Not shown: status\.performance\.metrics\.broken\.description: /,
      ),
    ).toBeInTheDocument();
  });
});
