import { validateObjectMeta } from '../objectNames';
import { dns1035LabelErrors, dns1123LabelErrors, dns1123SubdomainErrors, labelValueErrors, qualifiedNameErrors } from './nameRules';

const SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

describe('name rules', () => {
  it.each([
    ['workspace-phi-3', []],
    ['a.b.c', []],
    ['Foo', [SUBDOMAIN_MESSAGE]],
    ['-a', [SUBDOMAIN_MESSAGE]],
    ['a'.repeat(254), ['must be no more than 253 characters']],
  ])('subdomain %p', (value, expected) => {
    expect(dns1123SubdomainErrors(value)).toEqual(expected);
  });

  it.each([
    ['phi-3', []],
    ['3-phi', []],
    ['a.b', [LABEL_MESSAGE]],
    ['a'.repeat(64), ['must be no more than 63 characters']],
  ])('label %p', (value, expected) => {
    expect(dns1123LabelErrors(value)).toEqual(expected);
  });

  it('wants a Service name to start with a letter', () => {
    expect(dns1035LabelErrors('phi-3')).toEqual([]);
    expect(dns1035LabelErrors('3-phi')[0]).toMatch(/^a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character/);
  });

  it.each([
    ['app', []],
    ['kaito.sh/workspace', []],
    ['app.kubernetes.io/name', []],
    ['/name', ['prefix part must be non-empty']],
    ['Example.com/name', [`prefix part ${SUBDOMAIN_MESSAGE}`]],
    ['a/b/c', [expect.stringMatching(/^a qualified name must consist of/)]],
    ['x/', ['name part must be non-empty']],
    [`x/${'n'.repeat(64)}`, ['name part must be no more than 63 characters']],
    ['bad key', [expect.stringMatching(/^name part must consist of alphanumeric characters, '-', '_' or '\.'/)]],
  ])('qualified name %p', (value, expected) => {
    expect(qualifiedNameErrors(value)).toEqual(expected);
  });

  it.each([
    ['', 0],
    ['group_default.team-a', 0],
    ['group:default/team-a', 1],
    ['v'.repeat(64), 1],
    [`-${'v'.repeat(63)}`, 2],
  ])('label value %p has %p problems', (value, count) => {
    expect(labelValueErrors(value)).toHaveLength(count);
  });
});

describe('validateObjectMeta', () => {
  it('names the field and value of each problem', () => {
    const causes = validateObjectMeta('services', {
      metadata: { name: '1svc', labels: { 'backstage.io/owner': 'group:default/team-a' }, annotations: { 'bad key': 'x' } },
    });
    expect(causes.map(c => c.field)).toEqual(['metadata.name', 'metadata.labels', 'metadata.annotations']);
    expect(causes[0].message).toMatch(/^Invalid value: "1svc": a DNS-1035 label/);
    expect(causes[1].message).toMatch(/^Invalid value: "group:default\/team-a": a valid label must be an empty string/);
  });

  it('limits annotations to 256 KiB in all', () => {
    const causes = validateObjectMeta('configmaps', { metadata: { name: 'big', annotations: { a: 'x'.repeat(256 * 1024) } } });
    expect(causes).toEqual([{ reason: 'FieldValueTooLong', message: 'Too long: may not be more than 262144 bytes', field: 'metadata.annotations' }]);
  });
});
