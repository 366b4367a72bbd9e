import fs from 'node:fs';
import path from 'node:path';
import { parseWorkspaceDocuments, parseWorkspaceYaml, readYamlDocuments } from './parseWorkspaceYaml';

const seedDir = path.join(__dirname, '__fixtures__', 'seeds');

/**
 * Pulls the Workspace YAML out of a Kaito quick-start page: fenced blocks, and in shell
 * blocks the text `$ cat <file>` prints (up to the next `$ ` prompt).
 */
function workspaceSnippets(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map(m => m[1]);
  const snippets: string[] = [];
  for (const block of blocks) {
    if (/^\$ cat /m.test(block)) {
      const printed = block.split(/^\$ cat .*$/m)[1].split(/^\$ /m)[0];
      snippets.push(printed);
    } else if (/^kind: Workspace/m.test(block)) {
      snippets.push(block);
    }
  }
  return snippets.filter(s => /^kind: Workspace/m.test(s));
}

const seeds = fs.readdirSync(seedDir).filter(f => f.endsWith('.txt')).sort();
const seedSnippets = seeds.flatMap(file =>
  workspaceSnippets(fs.readFileSync(path.join(seedDir, file), 'utf8')).map(
    (yaml, i) => [`${file} #${i}`, yaml] as const,
  ),
);

describe('Kaito quick-start seeds', () => {
  it('contain Workspace YAML in all five documents', () => {
    expect(seeds).toHaveLength(5);
    for (const file of seeds) {
      expect(seedSnippets.some(([name]) => name.startsWith(file))).toBe(true);
    }
  });

  it.each(seedSnippets)('%s parses as written', (_name, yaml) => {
    const result = parseWorkspaceYaml(yaml);
    expect(result).toMatchObject({ ok: true, warnings: [] });
    expect(result.ok && result.workspace.resource.instanceType).toBe('Standard_NC6s_v3');
  });
});

describe('parseWorkspaceYaml', () => {
  const workspaceYaml = `apiVersion: kaito.sh/v1beta1
kind: Workspace
metadata:
  name: ws
resource:
  instanceType: Standard_NV36ads_A10_v5
  labelSelector:
    matchLabels: {app: x}
inference:
  preset:
    name: phi-4-mini-instruct
`;

  it('parses one Workspace beside other kinds', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n${workspaceYaml}`;
    expect(parseWorkspaceYaml(text)).toMatchObject({ ok: true, workspace: { metadata: { name: 'ws' } } });
  });

  it('reports YAML syntax errors with the document and line', () => {
    const result = parseWorkspaceYaml('kind: Workspace\nmetadata: {name: [\n');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues[0].path).toBe('documents[0]');
    expect(!result.ok && result.issues[0].message).toMatch(/^YAML syntax error at line \d+: /);
  });

  it('refuses several Workspaces', () => {
    expect(parseWorkspaceYaml(`${workspaceYaml}---\n${workspaceYaml}`)).toEqual({
      ok: false,
      issues: [{ path: '', message: 'found 2 Workspace documents; submit one at a time', severity: 'error' }],
    });
  });

  it('says when no Workspace is present among several documents', () => {
    const result = parseWorkspaceYaml('kind: A\n---\nkind: B\n');
    expect(!result.ok && result.issues[0].message).toBe('no kaito.sh Workspace document found');
  });

  it('lets the schema explain a lone non-Workspace document', () => {
    const result = parseWorkspaceYaml('apiVersion: apps/v1\nkind: Deployment\n');
    expect(!result.ok && result.issues).toContainEqual({ path: 'kind', message: 'kind must be Workspace', severity: 'error' });
  });
});

describe('parseWorkspaceDocuments', () => {
  it('parses every Workspace and skips other kinds and empty documents', () => {
    const text = `---\nkind: Secret\n---\napiVersion: kaito.sh/v1alpha1\nkind: Workspace\nmetadata: {name: a}\nresource: {labelSelector: {}}\ninference: {preset: {name: falcon-7b}}\n---\n`;
    const results = parseWorkspaceDocuments(text);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ ok: true, workspace: { metadata: { name: 'a' } } });
  });

  it('ignores empty documents when reading', () => {
    expect(readYamlDocuments('---\n---\nkind: A\n')).toHaveLength(1);
  });
});
