import { formatWorkspaceKey, parseWorkspaceKey } from './keys';

describe('workspace keys', () => {
  it.each([
    ['local/default/phi-4', { cluster: 'local', namespace: 'default', name: 'phi-4' }],
    ['aks-prod.westeurope/team-a/ws1', { cluster: 'aks-prod.westeurope', namespace: 'team-a', name: 'ws1' }],
  ])('parses %s and formats it back', (text, key) => {
    expect(parseWorkspaceKey(text)).toEqual(key);
    expect(formatWorkspaceKey(key)).toBe(text);
  });

  it.each([['default/phi-4'], ['a/b/c/d'], ['local/Default/x'], ['local/ns/Bad_Name'], ['/ns/x'], ['lo cal/ns/x']])(
    'rejects %j',
    text => {
      expect(parseWorkspaceKey(text)).toBeUndefined();
    },
  );

  it('refuses to format a key whose name is not a DNS label', () => {
    expect(() => formatWorkspaceKey({ cluster: 'c', namespace: 'ns', name: 'a/b' })).toThrow(
      "Invalid workspace name 'a/b': must be a DNS-1123 label",
    );
  });
});
