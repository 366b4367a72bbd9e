import { RenderSettings, Workspace, parseWorkspace, renderWorkspaceChildren } from '@kaito-backstage/plugin-kaito-common';
import { storedByApiServer } from '../__testUtils__/storedByApiServer';
import { statefulSetUpdate } from './statefulSetUpdate';

function workspace(yaml: object): Workspace {
  const result = parseWorkspace(yaml);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.workspace;
}

const azure: RenderSettings = { cloud: 'azure', provisioner: 'gpu-provisioner', now: () => new Date('2026-12-01T08:00:00Z') };
const phi = (revision: string, inference: object) =>
  workspace({
    apiVersion: 'kaito.sh/v1beta1',
    kind: 'Workspace',
    metadata: {
      name: 'ws-phi',
      namespace: 'team-a',
      uid: '0b5c2f0e-1111-4222-8333-444455556666',
      annotations: { 'workspace.kaito.io/revision': revision },
    },
    resource: { instanceType: 'Standard_NC24ads_A100_v4', labelSelector: { matchLabels: { apps: 'phi' } } },
    inference,
  });

const plain = { preset: { name: 'phi-3-mini-128k-instruct' } };
const withAdapter = {
  preset: { name: 'phi-3-mini-128k-instruct' },
  adapters: [{ source: { name: 'phi-3-adapter', image: 'myacr.azurecr.io/adapters/phi-3:0.0.1' }, strength: '0.5' }],
};
const rendered = (revision: string, inference: object) => renderWorkspaceChildren(phi(revision, inference), azure).statefulSet as any;

/** A JSON merge patch (RFC 7386) applied to a copy. */
function applyMergePatch(target: any, patch: any): any {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = applyMergePatch(out[key], value);
  }
  return out;
}

/** The StatefulSet as stored at revision 1, edited by hand, then brought to revision 2 with adapters added. */
function updatedToRevision2(edit: (sts: any) => void) {
  const observed = storedByApiServer(rendered('1', plain));
  edit(observed);
  const update = statefulSetUpdate(observed, rendered('2', withAdapter))!;
  return { observed, update, after: storedByApiServer(applyMergePatch(observed, update.patch)) };
}

const main = (sts: any) => sts.spec.template.spec.containers[0];

describe('statefulSetUpdate (Kaito v0.12 selective update)', () => {
  describe('on a revision change', () => {
    // Field → whether Kaito's update writes the rendered value over a hand edit.
    it.each<[string, 'updated' | 'left alone', (sts: any) => void, (sts: any) => unknown]>([
      ['the main container env', 'updated', s => main(s).env.push({ name: 'HTTP_PROXY', value: 'x' }), s => main(s).env.some((e: any) => e.name === 'HTTP_PROXY')],
      ['the main container volume mounts', 'updated', s => main(s).volumeMounts.push({ name: 'extra', mountPath: '/extra' }), s => main(s).volumeMounts.some((m: any) => m.name === 'extra')],
      ['the init containers', 'updated', s => (s.spec.template.spec.initContainers = [{ name: 'hand', image: 'busybox:1' }]), s => (s.spec.template.spec.initContainers ?? []).some((c: any) => c.name === 'hand')],
      ['the volumes', 'updated', s => s.spec.template.spec.volumes.push({ name: 'extra', emptyDir: {} }), s => s.spec.template.spec.volumes.some((v: any) => v.name === 'extra')],
      ['the image', 'left alone', s => (main(s).image = 'example.com/custom:1'), s => main(s).image === 'example.com/custom:1'],
      ['the command', 'left alone', s => main(s).command.push('--debug'), s => main(s).command.includes('--debug')],
      ['the resources', 'left alone', s => (main(s).resources.limits.memory = '64Gi'), s => main(s).resources.limits.memory === '64Gi'],
      ['the readiness probe', 'left alone', s => (main(s).readinessProbe.periodSeconds = 99), s => main(s).readinessProbe.periodSeconds === 99],
      ['a sidecar container', 'left alone', s => s.spec.template.spec.containers.push({ name: 'sidecar', image: 'busybox:1' }), s => s.spec.template.spec.containers[1]?.name === 'sidecar'],
      ['the replicas', 'left alone', s => (s.spec.replicas = 3), s => s.spec.replicas === 3],
      ['the tolerations', 'left alone', s => s.spec.template.spec.tolerations.pop(), s => s.spec.template.spec.tolerations.length === rendered('1', plain).spec.template.spec.tolerations.length - 1],
      ['the pod labels', 'left alone', s => (s.spec.template.metadata.labels.team = 'a'), s => s.spec.template.metadata.labels.team === 'a'],
      ['a label on the StatefulSet', 'left alone', s => (s.metadata.labels.team = 'a'), s => s.metadata.labels.team === 'a'],
    ])('%s: %s', (_, expected, edit, editKept) => {
      const { after } = updatedToRevision2(edit);
      expect(editKept(after)).toBe(expected === 'left alone');
    });

    it('brings in what the new revision renders: the adapter env, mounts, puller and volumes, and the revision', () => {
      const { after, update } = updatedToRevision2(() => {});
      const desired = rendered('2', withAdapter);
      expect(update.cause).toBe('revision');
      expect(after.metadata.annotations['workspace.kaito.io/revision']).toBe('2');
      expect(main(after).env).toEqual(main(desired).env);
      expect(main(after).volumeMounts).toEqual(main(desired).volumeMounts);
      expect(after.spec.template.spec.initContainers.map((c: any) => c.name)).toEqual(['puller-phi-3-adapter']);
      expect(after.spec.template.spec.volumes).toEqual(desired.spec.template.spec.volumes);
      // Kaito does not touch the command, so the new adapter's --enable-lora is not added.
      expect(main(after).command).toEqual(main(rendered('1', plain)).command);
    });

    it('removes init containers the new revision no longer renders', () => {
      const observed = storedByApiServer(rendered('1', withAdapter));
      const update = statefulSetUpdate(observed, rendered('2', plain))!;
      expect(update.patch.spec.template.spec.initContainers).toBeNull();
      expect(applyMergePatch(observed, update.patch).spec.template.spec.initContainers).toBeUndefined();
    });

    it('writes only the revision when the owned fields are as rendered, so the pods do not roll', () => {
      const observed = storedByApiServer(rendered('1', plain));
      expect(statefulSetUpdate(observed, rendered('2', plain))).toEqual({
        cause: 'revision',
        fields: [],
        patch: { metadata: { resourceVersion: '4711', annotations: { 'workspace.kaito.io/revision': '2' } } },
      });
    });

    it('updates a StatefulSet that has no revision annotation', () => {
      const observed = storedByApiServer(rendered('1', plain));
      delete observed.metadata.annotations;
      expect(statefulSetUpdate(observed, rendered('1', plain))?.cause).toBe('revision');
    });

    it('guards the write with the observed resourceVersion', () => {
      expect(updatedToRevision2(() => {}).update.patch.metadata.resourceVersion).toBe('4711');
    });
  });

  describe('at the same revision', () => {
    it('writes nothing to the StatefulSet as the API server stored it', () => {
      expect(statefulSetUpdate(storedByApiServer(rendered('1', withAdapter)), rendered('1', withAdapter))).toBeUndefined();
    });

    it.each<[string, (sts: any) => void]>([
      ['the image', s => (main(s).image = 'example.com/custom:1')],
      ['the replicas', s => (s.spec.replicas = 3)],
      ['the command', s => main(s).command.push('--debug')],
      ['the resources', s => (main(s).resources.limits['nvidia.com/gpu'] = '2')],
      ['a sidecar container', s => s.spec.template.spec.containers.push({ name: 'sidecar', image: 'busybox:1' })],
      ['the node affinity', s => delete s.spec.template.spec.affinity],
    ])('leaves %s edited by hand alone, as Kaito does', (_, edit) => {
      const observed = storedByApiServer(rendered('1', plain));
      edit(observed);
      expect(statefulSetUpdate(observed, rendered('1', plain))).toBeUndefined();
    });

    it.each<[string, (sts: any) => void]>([
      ['an env value', s => (main(s).env[0].value = 'changed')],
      ['an env item a mutating webhook injected', s => main(s).env.push({ name: 'OTEL_SERVICE_NAME', value: 'ws-phi' })],
      ['a volume mount removed', s => main(s).volumeMounts.pop()],
      ['an init container removed', s => delete s.spec.template.spec.initContainers],
      ['a sidecar volume added', s => s.spec.template.spec.volumes.push({ name: 'istio-envoy', emptyDir: {} })],
    ])('leaves %s, in a field Kaito owns, until the next revision, as Kaito does', (_, edit) => {
      const observed = storedByApiServer(rendered('1', withAdapter));
      edit(observed);
      expect(statefulSetUpdate(observed, rendered('1', withAdapter))).toBeUndefined();
      // The next revision writes the owned fields as rendered.
      const update = statefulSetUpdate(observed, rendered('2', withAdapter))!;
      expect(update.cause).toBe('revision');
      expect(update.fields.length).toBeGreaterThan(0);
      const after = storedByApiServer(applyMergePatch(observed, update.patch));
      const desired = rendered('2', withAdapter);
      expect(main(after).env).toEqual(main(desired).env);
      expect(after.spec.template.spec.volumes).toEqual(desired.spec.template.spec.volumes);
    });
  });

  describe('on a base-image upgrade (the kaito.sh/upgrade-to-version label)', () => {
    /** Made by a Kaito whose base image was 0.4.5, then hand-tuned. */
    const older = () => {
      const sts = storedByApiServer(rendered('1', plain));
      main(sts).image = 'mcr.microsoft.com/aks/kaito/kaito-base:0.4.5';
      main(sts).command.push('--debug');
      sts.spec.replicas = 3;
      sts.spec.template.spec.hostNetwork = true;
      return sts;
    };

    it.each<[string, string | undefined, string | undefined, 'upgrade' | undefined]>([
      ['the label names the deployed tag and the image is older', '0.5.0', '0.5.0', 'upgrade'],
      ['no label', undefined, '0.5.0', undefined],
      ['a stale label (another tag than the deployed one)', '0.4.5', '0.5.0', undefined],
    ])('with %s: %s', (_, upgradeToVersion, baseImageTag, cause) => {
      expect(statefulSetUpdate(older(), rendered('1', plain), { upgradeToVersion, baseImageTag })?.cause).toBe(cause);
    });

    it('is no upgrade when the running image is the rendered one pinned to its digest', () => {
      const observed = storedByApiServer(rendered('1', plain));
      main(observed).image = `${main(observed).image}@sha256:${'a'.repeat(64)}`;
      expect(statefulSetUpdate(observed, rendered('1', plain), { upgradeToVersion: '0.5.0', baseImageTag: '0.5.0' })).toBeUndefined();
    });

    it('is no upgrade when the image is already the rendered one', () => {
      const observed = storedByApiServer(rendered('1', plain));
      expect(statefulSetUpdate(observed, rendered('1', plain), { upgradeToVersion: '0.5.0', baseImageTag: '0.5.0' })).toBeUndefined();
    });

    it('replaces the pod template, replicas and update fields whole, so the result is the rendered StatefulSet', () => {
      const observed = older();
      const desired = rendered('1', plain);
      const update = statefulSetUpdate(observed, desired, { upgradeToVersion: '0.5.0', baseImageTag: '0.5.0' })!;
      const after = storedByApiServer(applyMergePatch(observed, update.patch));
      expect(main(after).image).toBe(main(desired).image);
      expect(main(after).command).toEqual(main(desired).command);
      expect(after.spec.replicas).toBe(desired.spec.replicas);
      expect(after.spec.template.spec.hostNetwork).toBeUndefined();
      expect(statefulSetUpdate(after, desired, { upgradeToVersion: '0.5.0', baseImageTag: '0.5.0' })).toBeUndefined();
    });
  });
  describe("the administrator's trust-remote-code decision (a portal extension)", () => {
    /** A Hugging Face id no catalog knows, at revision 1, trusted or not by an administrator. */
    const hfId = (trusted: boolean) =>
      renderWorkspaceChildren(
        workspace({
          apiVersion: 'kaito.sh/v1beta1',
          kind: 'Workspace',
          metadata: {
            name: 'ws-hf',
            namespace: 'team-a',
            uid: '0b5c2f0e-1111-4222-8333-444455556667',
            annotations: { 'workspace.kaito.io/revision': '1', ...(trusted ? { 'backstage.kaito.sh/trust-remote-code': 'true' } : {}) },
          },
          resource: { instanceType: 'Standard_NC24ads_A100_v4', labelSelector: { matchLabels: { apps: 'hf' } } },
          inference: { preset: { name: 'acme/some-model' } },
        }),
        { ...azure, allowTrustRemoteCode: true },
      ).statefulSet as any;
    const shell = (sts: any) => main(sts).command[2] as string;
    const portal = { portalDecidesTrust: true };
    const afterUpdate = (observed: any, desired: any) => {
      const update = statefulSetUpdate(observed, desired, portal)!;
      return { update, after: storedByApiServer(applyMergePatch(observed, update.patch)) };
    };

    it('turned on, gives the running command the flag and nothing else, at the same revision', () => {
      const observed = storedByApiServer(hfId(false));
      expect(shell(observed)).not.toContain('--trust-remote-code');
      const { update, after } = afterUpdate(observed, hfId(true));
      expect(update.cause).toBe('trust');
      expect(update.patch.metadata.annotations).toBeUndefined();
      expect(main(after).command).toEqual(main(hfId(true)).command);
      expect(statefulSetUpdate(after, hfId(true), portal)).toBeUndefined();
    });

    it('turned off, removes the flag', () => {
      const { after } = afterUpdate(storedByApiServer(hfId(true)), hfId(false));
      expect(main(after).command).toEqual(main(hfId(false)).command);
    });

    it('keeps every other hand edit of the command and the pod: only the flag is added', () => {
      const observed = storedByApiServer(hfId(false));
      main(observed).command[2] = `${shell(observed)} --debug`;
      main(observed).image = 'example.com/own-vllm:1';
      main(observed).env.push({ name: 'HTTP_PROXY', value: 'x' });
      const { after } = afterUpdate(observed, hfId(true));
      expect(shell(after)).toContain('inference_api.py --trust-remote-code ');
      expect(shell(after).replace(' --trust-remote-code', '')).toBe(shell(observed));
      expect(main(after).image).toBe('example.com/own-vllm:1');
      expect(main(after).env).toEqual(main(observed).env);
    });

    it('removes a flag added by hand that no administrator allowed', () => {
      const observed = storedByApiServer(hfId(false));
      main(observed).command[2] = `${shell(observed)} --debug --trust-remote-code`;
      const { after } = afterUpdate(observed, hfId(false));
      expect(shell(after)).toBe(`${shell(hfId(false))} --debug`);
    });

    it('leaves a command with no model server in it alone', () => {
      const observed = storedByApiServer(hfId(false));
      main(observed).command = ['sleep', 'infinity'];
      expect(statefulSetUpdate(observed, hfId(true), portal)).toBeUndefined();
    });

    it('is no concern of a catalog preset (Kaito decides its flag): a hand-removed flag stays', () => {
      const observed = storedByApiServer(rendered('1', plain));
      main(observed).command[2] = shell(observed).replace(' --trust-remote-code', '');
      expect(shell(observed)).not.toContain('--trust-remote-code');
      expect(statefulSetUpdate(observed, rendered('1', plain))).toBeUndefined();
    });
  });
});
