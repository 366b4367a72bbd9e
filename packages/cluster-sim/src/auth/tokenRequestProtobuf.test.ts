import { decodeProtobufBody } from '../http/protobuf/decodeProtobufBody';

// What kubectl 1.32 sent for
// `kubectl create token sa1 -n ns1 --duration=2h --audience=aud1 --bound-object-kind=Secret --bound-object-name=s1 --bound-object-uid=u1`.
const KUBECTL_CREATE_TOKEN =
  '6b3873000a280a1861757468656e7469636174696f6e2e6b38732e696f2f7631120c546f6b656e5265717565737412390a100a0012001a0022002a00320038004200121f0a04617564311a140a06536563726574120276311a0273312202753120a0381a040a0012001a002200';

// What kubectl 1.32 sent for `auth can-i get pods.v1. --subresource=log -n ns1`, `auth can-i get /healthz`,
// `auth can-i --list -n ns1` and `auth whoami`.
const KUBECTL_CAN_I_RESOURCE =
  '6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f7631121753656c665375626a656374416363657373526576696577123f0a100a0012001a0022002a0032003800420012210a1f0a036e733112036765741a0022002a08706f64732e76312e32036c6f673a001a08080012001a0020001a002200';
const KUBECTL_CAN_I_PATH =
  '6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f7631121753656c665375626a656374416363657373526576696577122f0a100a0012001a0022002a003200380042001211120f0a082f6865616c74687a12036765741a08080012001a0020001a002200';
const KUBECTL_CAN_I_LIST =
  '6b3873000a310a17617574686f72697a6174696f6e2e6b38732e696f2f7631121653656c665375626a65637452756c6573526576696577121f0a100a0012001a0022002a0032003800420012050a036e73311a04180022001a002200';
const KUBECTL_WHOAMI =
  '6b3873000a2d0a1861757468656e7469636174696f6e2e6b38732e696f2f7631121153656c665375626a656374526576696577121a0a100a0012001a0022002a0032003800420012060a040a0012001a002200';

describe('self reviews in protobuf', () => {
  it.each([
    ['a resource access review', KUBECTL_CAN_I_RESOURCE, { kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { namespace: 'ns1', verb: 'get', resource: 'pods.v1.', subresource: 'log' } } }],
    ['a path access review', KUBECTL_CAN_I_PATH, { kind: 'SelfSubjectAccessReview', spec: { nonResourceAttributes: { path: '/healthz', verb: 'get' } } }],
    ['a rules review', KUBECTL_CAN_I_LIST, { kind: 'SelfSubjectRulesReview', spec: { namespace: 'ns1' } }],
    ['a self subject review', KUBECTL_WHOAMI, { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }],
  ])('decodes %s as kubectl sends it', (_name, hex, expected) => {
    expect(decodeProtobufBody(Buffer.from(hex, 'hex'))).toMatchObject(expected);
  });
});

describe('a TokenRequest in protobuf', () => {
  it('decodes the body kubectl create token sends', () => {
    const request = decodeProtobufBody(Buffer.from(KUBECTL_CREATE_TOKEN, 'hex'));
    expect(request).toMatchObject({
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      spec: {
        audiences: ['aud1'],
        expirationSeconds: 7200,
        boundObjectRef: { kind: 'Secret', apiVersion: 'v1', name: 's1', uid: 'u1' },
      },
    });
  });
});
