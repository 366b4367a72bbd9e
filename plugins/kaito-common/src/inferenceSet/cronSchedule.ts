/** Field ranges of a standard 5-field cron line (minute hour day-of-month month day-of-week). */
const FIELDS: { name: string; min: number; max: number; names?: string[] }[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { name: 'day of week', min: 0, max: 6, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

/** Descriptors robfig/cron's ParseStandard accepts besides five fields. */
const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

function parseValue(text: string, field: (typeof FIELDS)[number]): number | undefined {
  const named = field.names?.indexOf(text.toLowerCase()) ?? -1;
  if (named >= 0) return named + field.min;
  if (!/^\d+$/.test(text)) return undefined;
  return Number(text);
}

function checkPart(part: string, field: (typeof FIELDS)[number]): string | undefined {
  const [range, step, extra] = part.split('/');
  if (extra !== undefined || (step !== undefined && !/^\d+$/.test(step))) return `invalid step in ${field.name} '${part}'`;
  if (step !== undefined && Number(step) === 0) return `step of zero in ${field.name} '${part}'`;
  if (range === '*' || range === '?') return undefined;
  const [low, high, more] = range.split('-');
  if (more !== undefined) return `too many hyphens in ${field.name} '${part}'`;
  for (const bound of high === undefined ? [low] : [low, high]) {
    const value = parseValue(bound, field);
    if (value === undefined) return `failed to parse ${field.name} '${bound}'`;
    if (value < field.min || value > field.max) return `${field.name} ${value} is out of range [${field.min}, ${field.max}]`;
  }
  if (high !== undefined && parseValue(low, field)! > parseValue(high, field)!) {
    return `beginning of range (${low}) beyond end of range (${high}) in ${field.name}`;
  }
  return undefined;
}

/**
 * Checks a cron schedule as Kaito's webhook does (robfig/cron ParseStandard: five fields,
 * or a descriptor such as `@daily`); returns what is wrong, or undefined.
 *
 * @public
 */
export function cronScheduleProblem(schedule: string): string | undefined {
  const text = schedule.trim();
  if (text.startsWith('@')) {
    if (DESCRIPTORS.includes(text) || /^@every \S+$/.test(text)) return undefined;
    return `unrecognized descriptor: ${text}`;
  }
  const parts = text.replace(/^(CRON_)?TZ=\S+\s+/, '').split(/\s+/).filter(Boolean);
  if (parts.length !== FIELDS.length) return `expected exactly 5 fields, found ${parts.length}: ${text}`;
  for (let i = 0; i < parts.length; i++) {
    for (const piece of parts[i].split(',')) {
      const problem = checkPart(piece, FIELDS[i]);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** Parses a Go duration (`4h`, `90m`, `1h30m`, `-5s`) to milliseconds; undefined if not one. @public */
export function parseGoDurationMs(text: string): number | undefined {
  const match = /^([-+]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/.exec(text);
  if (!match && text !== '0') return undefined;
  if (text === '0') return 0;
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  for (const [, value, unit] of text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) total += Number(value) * units[unit];
  return match![1] === '-' ? -total : total;
}
