import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { renderCrdsYaml, renderRbacYaml } from './clusterManifests';

const files = {
  'crds.yaml': renderCrdsYaml,
  'rbac.yaml': renderRbacYaml,
};

describe('the shipped cluster manifests', () => {
  it.each(Object.entries(files))('%s matches what the domain library renders (UPDATE_MANIFESTS=1 rewrites it)', (file, render) => {
    const path = join(__dirname, '../../manifests', file);
    if (process.env.UPDATE_MANIFESTS) writeFileSync(path, render());
    expect(readFileSync(path, 'utf8')).toBe(render());
  });

  it('ships the Workspace CRD with v1beta1 stored and the status subresource', () => {
    const docs = parseAllDocuments(renderCrdsYaml()).map(d => d.toJS());
    const workspace = docs.find(d => d.metadata.name === 'workspaces.kaito.sh');
    expect(workspace.spec.versions.map((v: any) => [v.name, v.served, v.storage, Boolean(v.subresources?.status)])).toEqual([
      ['v1alpha1', true, false, true],
      ['v1beta1', true, true, true],
    ]);
  });

  it('grants the controller no wildcard verbs or resources', () => {
    const docs = parseAllDocuments(renderRbacYaml()).map(d => d.toJS());
    const rules = docs.flatMap(d => d.rules ?? []);
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule.verbs).not.toContain('*');
      expect(rule.resources).not.toContain('*');
    }
  });
});
