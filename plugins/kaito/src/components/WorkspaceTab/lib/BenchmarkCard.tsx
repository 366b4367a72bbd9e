import { InfoCard } from '@backstage/core-components';
import type { PerformanceMetric } from '@kaito-backstage/plugin-kaito-common';
import { SimpleTable } from '../../shared/SimpleTable';
import { cardHeading } from '../../shared/cardHeading';

/** Readable names of the metrics Kaito's post-load benchmark reports. */
const METRIC_TITLES: Record<string, string> = {
  peakTokensPerMinute: 'Peak throughput',
  aggregatedPeakTokensPerMinute: 'Peak throughput (all replicas)',
};

/** Benchmark parameters, in the order a reader wants them. */
const CONFIG_TITLES: Record<string, string> = {
  maxConcurrency: 'concurrency',
  inputTokens: 'input tokens',
  outputTokens: 'output tokens',
  durationSec: 'seconds',
  engine: 'engine',
  engineVersion: 'version',
  quantization: 'quantization',
};

function formatValue(metric: PerformanceMetric): string {
  const number = Number(metric.value);
  const value = Number.isFinite(number)
    ? number.toLocaleString('en-US', { maximumFractionDigits: 2 })
    : metric.value;
  const perSecond =
    metric.unit === 'tokens/min' && Number.isFinite(number)
      ? ` (${(number / 60).toLocaleString('en-US', {
          maximumFractionDigits: 1,
        })} tokens/s)`
      : '';
  return `${value}${metric.unit ? ` ${metric.unit}` : ''}${perSecond}`;
}

function formatConfig(config: Record<string, string> | undefined): string {
  if (!config) return '-';
  const known = Object.keys(CONFIG_TITLES).filter(
    key => config[key] !== undefined,
  );
  const others = Object.keys(config)
    .filter(key => !(key in CONFIG_TITLES))
    .sort();
  return [
    ...known.map(key => `${CONFIG_TITLES[key]} ${config[key]}`),
    ...others.map(key => `${key} ${config[key]}`),
  ].join(', ');
}

/**
 * The figures of Kaito's post-load benchmark (`status.performance`), when the workspace
 * has them: each metric with its unit, tokens/s for per-minute rates, and the load it ran.
 *
 * @internal
 */
export const BenchmarkCard = ({
  metrics,
}: {
  metrics: Record<string, PerformanceMetric>;
}) => {
  const rows = Object.entries(metrics).sort(([a], [b]) =>
    a.localeCompare(b, 'en'),
  );
  return (
    <InfoCard titleTypographyProps={cardHeading} title="Benchmark" noPadding>
      <SimpleTable
        label="Benchmark"
        rows={rows}
        rowKey={([name]) => name}
        emptyMessage="No benchmark figures yet."
        columns={[
          { title: 'Metric', render: ([name]) => METRIC_TITLES[name] ?? name },
          { title: 'Value', render: ([, metric]) => formatValue(metric) },
          { title: 'Load', render: ([, metric]) => metric.description ?? '-' },
          {
            title: 'Parameters',
            render: ([, metric]) => formatConfig(metric.config),
          },
        ]}
      />
    </InfoCard>
  );
};
