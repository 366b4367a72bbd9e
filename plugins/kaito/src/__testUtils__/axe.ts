import axe from 'axe-core';

/** The impacts a check fails on. */
const FAILING = new Set(['serious', 'critical']);

/**
 * Runs axe-core on what a test rendered and returns its serious and critical
 * violations, each as `rule: what is wrong (the first offending elements)`,
 * so a failure names what to fix. jsdom does no layout, so rules that need
 * it (colour contrast) cannot be judged here and come back incomplete.
 */
export async function seriousAxeViolations(
  container: Element = document.body,
): Promise<string[]> {
  const results = await axe.run(container, { resultTypes: ['violations'] });
  return results.violations
    .filter(violation => FAILING.has(violation.impact ?? ''))
    .map(
      violation =>
        `${violation.id}: ${violation.help} (${violation.nodes
          .slice(0, 3)
          .map(node => node.html)
          .join(' | ')})`,
    );
}
