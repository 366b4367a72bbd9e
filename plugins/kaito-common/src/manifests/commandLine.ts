/**
 * Formats flags as Kaito does (`--k=v`, or `--k` for an empty value), sorted by name so
 * the command is stable (Kaito's own order is a Go map's, i.e. random).
 *
 * @internal
 */
export function formatFlags(flags: Record<string, string>): string {
  return Object.keys(flags)
    .sort()
    .map(key => (flags[key] === '' ? `--${key}` : `--${key}=${flags[key]}`))
    .join(' ');
}

/** Wraps a command line as Kaito runs every command. @internal */
export function shellCommand(commandLine: string): string[] {
  return ['/bin/sh', '-c', commandLine];
}
