import { badRequest } from '../errors';

/** One requirement of a parsed label selector. @internal */
export interface LabelRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values: string[];
}

/** A predicate over an object's labels. @internal */
export type LabelMatcher = (labels: Record<string, string> | undefined) => boolean;

/** Splits on commas that are not inside `( )`. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map(p => p.trim()).filter(p => p.length > 0);
}

const EQUALITY_OPERATORS: Record<string, LabelRequirement['operator']> = { '=': 'In', '==': 'In', '!=': 'NotIn', '>': 'Gt', '<': 'Lt' };
const SET_EXPRESSION = /^([^\s!=<>(),]+)\s+(in|notin)\s*\(([^)]*)\)$/;
const EQUALITY_EXPRESSION = /^([^\s!=<>(),]+)\s*(==|!=|=|>|<)\s*([^\s!=<>(),]*)$/;
const EXISTS_EXPRESSION = /^(!?)\s*([^\s!=<>(),]+)$/;

/** Parses the label selector string syntax (`a=b,c!=d,e in (f,g),!h`). @internal */
export function parseLabelSelector(selector: string): LabelRequirement[] {
  return splitTopLevel(selector).map(part => {
    let match = SET_EXPRESSION.exec(part);
    if (match) {
      const values = match[3].split(',').map(v => v.trim()).filter(v => v.length > 0);
      return { key: match[1], operator: match[2] === 'in' ? 'In' : 'NotIn', values };
    }
    match = EQUALITY_EXPRESSION.exec(part);
    if (match) {
      const operator = EQUALITY_OPERATORS[match[2]];
      return { key: match[1], operator, values: [match[3]] };
    }
    match = EXISTS_EXPRESSION.exec(part);
    if (match) {
      return { key: match[2], operator: match[1] ? 'DoesNotExist' : 'Exists', values: [] };
    }
    throw badRequest(`unable to parse requirement: found '${part}', expected: in, notin, =, ==, !=, gt, lt`);
  });
}

/** Whether one requirement holds for a label map; shared with node affinity matching. @internal */
export function requirementMatches(req: LabelRequirement, labels: Record<string, string> | undefined): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = has ? labels![req.key] : undefined;
  switch (req.operator) {
    case 'In':
      return has && req.values.includes(value!);
    case 'NotIn':
      return !has || !req.values.includes(value!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
      return has && Number(value) > Number(req.values[0]);
    case 'Lt':
      return has && Number(value) < Number(req.values[0]);
    default:
      return false;
  }
}

/** Compiles a selector string into a predicate; an empty selector matches everything. @internal */
export function compileLabelSelector(selector: string | undefined): LabelMatcher {
  if (!selector || !selector.trim()) return () => true;
  const requirements = parseLabelSelector(selector);
  return labels => requirements.every(req => requirementMatches(req, labels));
}

/** A structured `metav1.LabelSelector` (matchLabels + matchExpressions). @internal */
export interface StructuredLabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

/** Compiles a structured selector; `undefined` matches nothing, `{}` everything, as for workload selectors. @internal */
export function compileStructuredSelector(selector: StructuredLabelSelector | undefined): LabelMatcher {
  if (!selector) return () => false;
  const requirements: LabelRequirement[] = [
    ...Object.entries(selector.matchLabels ?? {}).map(([key, value]) => ({
      key,
      operator: 'In' as const,
      values: [value],
    })),
    ...(selector.matchExpressions ?? []).map(e => ({
      key: e.key,
      operator: e.operator as LabelRequirement['operator'],
      values: e.values ?? [],
    })),
  ];
  return labels => requirements.every(req => requirementMatches(req, labels));
}
