import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import {
  readBenchmarkFigures,
  type BenchmarkFigure,
  type PerformanceMetric,
} from '@kaito-backstage/plugin-kaito-common';
import { SimpleTable } from '../../shared/SimpleTable';
import { cardHeading } from '../../shared/cardHeading';

/** Readable names of the metrics Kaito's post-load benchmark reports. */
const METRIC_TITLES: Record<string, string> = {
  peakTokensPerMinute: 'Peak throughput',
  aggregatedPeakTokensPerMinute: 'Peak throughput (all replicas)',
};

/** Readable names of the load parameters, in the order of BENCHMARK_LOAD_KEYS. */
const LOAD_TITLES: Record<keyof BenchmarkFigure['load'], string> = {
  maxConcurrency: 'concurrency',
  inputTokens: 'input tokens',
  outputTokens: 'output tokens',
  durationSec: 'seconds',
};

/** How the engines Kaito names (`engine` in the metric's config) are written. */
const ENGINE_NAMES: Record<string, string> = {
  vllm: 'vLLM',
  transformers: 'transformers',
};

const numberFormat = (digits: number) =>
  new Intl.NumberFormat('en-US', { maximumFractionDigits: digits });

function formatValue(figure: BenchmarkFigure): string {
  const value =
    figure.amount === undefined
      ? figure.value
      : numberFormat(2).format(figure.amount);
  const perSecond =
    figure.tokensPerSecond === undefined
      ? ''
      : ` (${numberFormat(1).format(figure.tokensPerSecond)} tokens/s)`;
  return `${value}${figure.unit ? ` ${figure.unit}` : ''}${perSecond}`;
}

function formatParameters(figure: BenchmarkFigure): string {
  const parts = [
    ...Object.entries(figure.load).map(
      ([key, value]) =>
        `${LOAD_TITLES[key as keyof BenchmarkFigure['load']]} ${value}`,
    ),
    ...figure.otherConfig.map(([key, value]) => `${key} ${value}`),
  ];
  return parts.length > 0 ? parts.join(', ') : '-';
}

/**
 * The engine and its version as Kaito v0.12 records them; the quantization only when
 * recorded (Kaito writes it empty for an unquantized model, and v0.12.0 for every preset).
 */
function formatEngine(figure: BenchmarkFigure): string {
  if (!figure.engine) return '-';
  const name = ENGINE_NAMES[figure.engine] ?? figure.engine;
  const version = figure.engineVersion ? ` ${figure.engineVersion}` : '';
  const quantization = figure.quantization
    ? `, ${figure.quantization} weights`
    : '';
  return `${name}${version}${quantization}`;
}

/**
 * The figures of Kaito's post-load benchmark (`status.performance`), when the workspace
 * has them: each metric with its unit, tokens/s for per-minute rates, the load it ran and
 * the engine that served it. The status comes from the cluster, so a metric that breaks
 * the Workspace CRD's schema is left out and said so.
 *
 * @internal
 */
export const BenchmarkCard = ({
  metrics,
}: {
  metrics: Record<string, PerformanceMetric>;
}) => {
  const { figures, problems } = readBenchmarkFigures({ metrics });
  return (
    <InfoCard titleTypographyProps={cardHeading} title="Benchmark" noPadding>
      <SimpleTable
        label="Benchmark"
        rows={figures}
        rowKey={figure => figure.name}
        emptyMessage="No benchmark figures yet."
        columns={[
          {
            title: 'Metric',
            render: figure => METRIC_TITLES[figure.name] ?? figure.name,
          },
          { title: 'Value', render: formatValue },
          { title: 'Load', render: figure => figure.description },
          { title: 'Parameters', render: formatParameters },
          { title: 'Engine', render: formatEngine },
        ]}
      />
      {problems.map(problem => (
        <Typography
          key={problem}
          variant="body2"
          color="textSecondary"
          style={{ padding: '4px 16px' }}
        >
          Not shown: {problem}
        </Typography>
      ))}
    </InfoCard>
  );
};
