import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../errors';
import { decodeProtobufBody, isProtobufMediaType } from './decodeProtobufBody';
import { messageTypeOf, unknownEnvelopeType } from './kubernetesProto';

// Bytes sent by the real kubectl v1.32.4 (`kubectl create ...`, captured with a local listener).
const fixture = (name: string) => readFileSync(join(__dirname, '__fixtures__', `${name}.bin`));
const BLOB = fixture('blob'); // 14 bytes, not UTF-8: `binary\0\xff\xfe data`
const b64 = (text: string) => Buffer.from(text).toString('base64');

function envelope(apiVersion: string, kind: string, raw: Uint8Array): Buffer {
  const bytes = unknownEnvelopeType().encode({ typeMeta: { apiVersion, kind }, raw }).finish();
  return Buffer.concat([Buffer.from('k8s\0', 'binary'), bytes]);
}

describe('decodeProtobufBody', () => {
  describe('of bodies sent by kubectl 1.32', () => {
    it.each([
      ['namespace', 'kubectl create namespace team-a', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } }],
      [
        'configmap',
        "kubectl create configmap app-config --from-literal=mode=fast --from-literal=greeting='héllo wörld' --from-file=blob=blob.bin",
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'app-config' },
          data: { mode: 'fast', greeting: 'héllo wörld' },
          binaryData: { blob: BLOB.toString('base64') },
        },
      ],
      [
        'secret-generic',
        'kubectl create secret generic hf-token --from-literal=token=hf_abc123 --from-file=raw=blob.bin',
        { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'hf-token' }, data: { token: b64('hf_abc123'), raw: BLOB.toString('base64') } },
      ],
      ['serviceaccount', 'kubectl create serviceaccount kaito-runner', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'kaito-runner' } }],
    ])('decodes %s (%s)', (name, _command, expected) => {
      expect(decodeProtobufBody(fixture(name))).toEqual(expected);
    });

    it('decodes a docker-registry secret with its type and the exact .dockerconfigjson', () => {
      const secret = decodeProtobufBody(fixture('secret-docker'));
      expect(secret).toMatchObject({ kind: 'Secret', metadata: { name: 'regcred' }, type: 'kubernetes.io/dockerconfigjson' });
      const config = JSON.parse(Buffer.from(secret.data['.dockerconfigjson'], 'base64').toString('utf8'));
      expect(config).toEqual({
        auths: {
          'myregistry.azurecr.io': {
            username: 'user1',
            password: 'p@ss:w0rd',
            email: 'user1@example.com',
            auth: b64('user1:p@ss:w0rd'),
          },
        },
      });
    });

    it('keeps binary data byte for byte', () => {
      const configMap = decodeProtobufBody(fixture('configmap'));
      expect(Buffer.from(configMap.binaryData.blob, 'base64').equals(BLOB)).toBe(true);
    });
  });

  describe('of object metadata', () => {
    const encodeSecret = (object: Record<string, unknown>) => messageTypeOf('v1', 'Secret')!.encode(object).finish();

    it('carries labels, annotations, owner references, finalizers and generateName, and drops a zero creationTimestamp', () => {
      const raw = encodeSecret({
        metadata: {
          name: '',
          generateName: 'token-',
          namespace: 'team-a',
          generation: 0,
          creationTimestamp: { seconds: 0, nanos: 0 },
          labels: { app: 'phi' },
          annotations: { 'backstage.kaito.sh/owner': 'group:default/team-a' },
          ownerReferences: [{ apiVersion: 'kaito.sh/v1beta1', kind: 'Workspace', name: 'ws', uid: 'u-1', controller: true, blockOwnerDeletion: false }],
          finalizers: ['example.com/keep'],
        },
        type: 'Opaque',
        stringData: { plain: 'text' },
        immutable: false,
      });
      expect(decodeProtobufBody(envelope('v1', 'Secret', raw))).toEqual({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: {
          generateName: 'token-',
          namespace: 'team-a',
          labels: { app: 'phi' },
          annotations: { 'backstage.kaito.sh/owner': 'group:default/team-a' },
          ownerReferences: [{ apiVersion: 'kaito.sh/v1beta1', kind: 'Workspace', name: 'ws', uid: 'u-1', controller: true, blockOwnerDeletion: false }],
          finalizers: ['example.com/keep'],
        },
        type: 'Opaque',
        stringData: { plain: 'text' },
        immutable: false,
      });
    });

    it('writes a set timestamp in RFC 3339 seconds and keeps a zero grace period that was sent', () => {
      const raw = messageTypeOf('v1', 'Namespace')!
        .encode({
          metadata: { name: 'ns', deletionTimestamp: { seconds: 1796112313, nanos: 473000000 }, deletionGracePeriodSeconds: 0 },
          spec: { finalizers: ['kubernetes'] },
          status: { phase: 'Terminating' },
        })
        .finish();
      expect(decodeProtobufBody(envelope('v1', 'Namespace', raw))).toEqual({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'ns', deletionTimestamp: '2026-12-01T08:05:13Z', deletionGracePeriodSeconds: 0 },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Terminating' },
      });
    });

    it('carries a service account’s secrets, image pull secrets and automount flag', () => {
      const raw = messageTypeOf('v1', 'ServiceAccount')!
        .encode({ metadata: { name: 'sa' }, secrets: [{ name: 'sa-token', namespace: '' }], imagePullSecrets: [{ name: 'regcred' }], automountServiceAccountToken: false })
        .finish();
      expect(decodeProtobufBody(envelope('v1', 'ServiceAccount', raw))).toEqual({
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: 'sa' },
        secrets: [{ name: 'sa-token' }],
        imagePullSecrets: [{ name: 'regcred' }],
        automountServiceAccountToken: false,
      });
    });
  });

  describe('when the body cannot be taken', () => {
    const failure = (body: Buffer) => {
      try {
        decodeProtobufBody(body);
      } catch (error) {
        return error as ApiError;
      }
      throw new Error('decoded');
    };

    it('answers 415 UnsupportedMediaType for a kind whose protobuf form is not known', () => {
      const error = failure(envelope('apps/v1', 'Deployment', new Uint8Array([0x0a, 0x00])));
      expect(error).toMatchObject({ code: 415, reason: 'UnsupportedMediaType' });
      expect(error.message).toMatch(/^the body of the request was in an unknown format - accepted media types include: application\/json, application\/yaml/);
    });

    it('answers 415 for a field number it does not declare, at any depth, rather than dropping it', () => {
      const metadata = Buffer.from(messageTypeOf('v1', 'ConfigMap')!.encode({ metadata: { name: 'cm' } }).finish());
      // Field 99 (varint 1) appended to the ConfigMap, then inside its ObjectMeta (field 1, length-delimited).
      const top = Buffer.concat([metadata, Buffer.from([0x98, 0x06, 0x01])]);
      expect(failure(envelope('v1', 'ConfigMap', top))).toMatchObject({ code: 415, message: expect.stringMatching(/ConfigMap field 99/) });
      const inner = Buffer.from([0x0a, 0x07, 0x0a, 0x02, 0x63, 0x6d, 0x98, 0x06, 0x01]);
      expect(failure(envelope('v1', 'ConfigMap', inner))).toMatchObject({ code: 415, message: expect.stringMatching(/ConfigMap\.metadata field 99/) });
    });

    it('answers 400 for bytes without the k8s magic', () => {
      expect(failure(Buffer.from('{"kind":"Namespace"}'))).toMatchObject({ code: 400, reason: 'BadRequest', message: expect.stringMatching(/expected prefix \[107 56 115 0\]/) });
    });

    it('answers 400 for a truncated message', () => {
      const whole = fixture('configmap');
      expect(failure(whole.subarray(0, whole.length - 9))).toMatchObject({ code: 400, reason: 'BadRequest' });
    });
  });

  it.each([
    ['application/vnd.kubernetes.protobuf', true],
    ['application/vnd.kubernetes.protobuf; charset=binary', true],
    ['application/json', false],
    [undefined, false],
  ])('recognises %s as protobuf: %s', (contentType, expected) => {
    expect(isProtobufMediaType(contentType)).toBe(expected);
  });
});
