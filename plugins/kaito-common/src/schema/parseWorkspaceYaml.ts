import { parseAllDocuments } from 'yaml';
import { Issue } from './issue';
import { parseWorkspace, ParseWorkspaceResult } from './parseWorkspace';

/**
 * One document of a multi-document YAML text.
 *
 * @public
 */
export interface YamlDocument {
  /** Zero-based position in the text. */
  index: number;
  /** The parsed value, or `undefined` when the document has syntax errors. */
  value: unknown;
  /** Syntax problems, with path `documents[i]` and the line number in the message. */
  issues: Issue[];
}

/**
 * Splits a YAML text into documents, reporting syntax errors per document.
 *
 * @public
 */
export function readYamlDocuments(text: string): YamlDocument[] {
  return parseAllDocuments(text, { prettyErrors: true })
    .map((doc, index) => {
      const issues: Issue[] = doc.errors.map(error => ({
        path: `documents[${index}]`,
        message: `YAML syntax error${error.linePos ? ` at line ${error.linePos[0].line}` : ''}: ${firstLine(error.message)}`,
        severity: 'error',
      }));
      return { index, value: issues.length ? undefined : doc.toJS(), issues };
    })
    .filter(doc => doc.issues.length || (doc.value !== null && doc.value !== undefined));
}

/**
 * Whether a parsed document claims to be a Kaito Workspace (`kind: Workspace`, `kaito.sh` group).
 *
 * @public
 */
export function isWorkspaceDocument(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const { apiVersion, kind } = value as Record<string, unknown>;
  return kind === 'Workspace' && typeof apiVersion === 'string' && apiVersion.startsWith('kaito.sh/');
}

/**
 * Parses every Workspace document of a (multi-document) YAML text; other kinds are skipped.
 *
 * @public
 */
export function parseWorkspaceDocuments(text: string): ParseWorkspaceResult[] {
  return readYamlDocuments(text).flatMap(doc => {
    if (doc.issues.length) {
      return [{ ok: false as const, issues: doc.issues }];
    }
    return isWorkspaceDocument(doc.value) ? [parseWorkspace(doc.value)] : [];
  });
}

/**
 * Parses a YAML text that must hold exactly one Workspace (other kinds may sit beside it).
 *
 * @public
 */
export function parseWorkspaceYaml(text: string): ParseWorkspaceResult {
  const docs = readYamlDocuments(text);
  const syntax = docs.flatMap(doc => doc.issues);
  if (syntax.length) {
    return { ok: false, issues: syntax };
  }
  const workspaces = docs.filter(doc => isWorkspaceDocument(doc.value));
  if (workspaces.length === 1) {
    return parseWorkspace(workspaces[0].value);
  }
  if (workspaces.length === 0 && docs.length === 1) {
    // A lone document that is not a Workspace: let the schema say what is wrong with it.
    return parseWorkspace(docs[0].value);
  }
  return {
    ok: false,
    issues: [
      {
        path: '',
        message:
          workspaces.length === 0
            ? 'no kaito.sh Workspace document found'
            : `found ${workspaces.length} Workspace documents; submit one at a time`,
        severity: 'error',
      },
    ],
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}
