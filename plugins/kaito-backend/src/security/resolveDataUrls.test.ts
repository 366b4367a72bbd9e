import { LookupAll, resolveDataUrlIssues } from './resolveDataUrls';

/** A resolver answering from a table, as public DNS would for these names (wildcard DNS services included). */
const DNS: Record<string, string[]> = {
  'huggingface.co': ['18.239.50.16', '2600:9000:2000::1'],
  '169.254.169.254.nip.io': ['169.254.169.254'],
  '10.0.0.1.sslip.io': ['10.0.0.1'],
  'localtest.me': ['127.0.0.1'],
  'rebind.example.com': ['93.184.216.34', '10.0.0.7'],
  'v6-metadata.example.com': ['fd00:ec2::254'],
  'mapped.example.com': ['::ffff:127.0.0.1'],
};
const lookup: LookupAll = async host => {
  const addresses = DNS[host];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return addresses.map(address => ({ address, family: address.includes(':') ? 6 : 4 }));
};

describe('resolveDataUrlIssues', () => {
  it('accepts a name whose every address is public', async () => {
    expect(await resolveDataUrlIssues(['https://huggingface.co/datasets/x/a.parquet'], { lookup, unresolvable: 'refuse' })).toEqual([]);
  });

  it.each([
    ['http://169.254.169.254.nip.io/latest/meta-data', 'cloud metadata'],
    ['http://169.254.169.254.nip.io./latest/meta-data', 'cloud metadata'],
    ['http://10.0.0.1.sslip.io/x', 'private'],
    ['http://localtest.me/x', 'loopback'],
    ['http://rebind.example.com/x', 'private'],
    ['http://v6-metadata.example.com/x', 'cloud metadata'],
    ['http://mapped.example.com/x', 'loopback'],
  ])('refuses %s, which resolves to a %s address', async (url, fragment) => {
    const issues = await resolveDataUrlIssues([url], { lookup, unresolvable: 'refuse' });
    expect(issues).toEqual([{ path: 'tuning.input.urls[0]', severity: 'error', message: expect.stringContaining(fragment) }]);
    expect(issues[0].message).toContain('resolves to a forbidden address');
  });

  it('applies the string checks first, without asking DNS', async () => {
    const asked: string[] = [];
    const issues = await resolveDataUrlIssues(['http://[::127.0.0.1]/x', 'http://metadata.google.internal./x', 'ftp://huggingface.co/x'], {
      lookup: async host => {
        asked.push(host);
        return lookup(host);
      },
      unresolvable: 'refuse',
    });
    expect(issues.map(i => i.path)).toEqual(['tuning.input.urls[0]', 'tuning.input.urls[1]', 'tuning.input.urls[2]']);
    expect(asked).toEqual([]);
  });

  it('refuses a name that does not resolve on a real cluster, and warns on a simulated one', async () => {
    const url = 'https://no-such-host.example.org/d.parquet';
    expect(await resolveDataUrlIssues([url], { lookup, unresolvable: 'refuse' })).toEqual([
      { path: 'tuning.input.urls[0]', severity: 'error', message: expect.stringContaining('cannot be resolved (ENOTFOUND)') },
    ]);
    expect(await resolveDataUrlIssues([url], { lookup, unresolvable: 'warn' })).toEqual([
      { path: 'tuning.input.urls[0]', severity: 'warning', message: expect.stringContaining('cannot be resolved') },
    ]);
  });

  it('gives up on a resolver that does not answer', async () => {
    const issues = await resolveDataUrlIssues(['https://huggingface.co/x'], { lookup: () => new Promise(() => {}), unresolvable: 'refuse', timeoutMs: 20 });
    expect(issues).toEqual([{ path: 'tuning.input.urls[0]', severity: 'error', message: expect.stringContaining('ETIMEOUT') }]);
  });

  it('names the index of each refused URL', async () => {
    const issues = await resolveDataUrlIssues(['https://huggingface.co/a', 'http://localtest.me/b'], { lookup, unresolvable: 'refuse' });
    expect(issues.map(i => i.path)).toEqual(['tuning.input.urls[1]']);
  });
});
