import { checkDataUrl, describeUnsafeAddress, describeUnsafeDataUrl, describeUnsafeHostName } from './dataUrl';

describe('describeUnsafeDataUrl', () => {
  it.each([
    ['https://huggingface.co/datasets/x/resolve/main/a.parquet?download=true'],
    ['http://example.com:8080/data.json'],
    ['https://172.32.0.1/x'],
    ['https://[2606:4700:4700::1111]/x'],
    ['https://8.8.8.8/x'],
  ])('allows %s', url => {
    expect(describeUnsafeDataUrl(url)).toBeUndefined();
  });

  // Every trick from issue 13 and the usual SSRF list, as the URL a request would carry.
  it.each([
    ['not a url', 'is not a valid URL'],
    ['file:///etc/passwd', 'must use http or https, not file'],
    ['gopher://example.com/x', 'must use http or https, not gopher'],
    ['ftp://example.com/x', 'must use http or https, not ftp'],
    ['http://localhost/x', 'loopback'],
    ['http://LOCALHOST./x', 'loopback'],
    ['http://api.localhost/x', 'loopback'],
    ['http://127.1.2.3/x', 'loopback'],
    ['http://127.1/x', 'loopback'],
    ['http://[::1]/x', 'loopback'],
    ['http://0.0.0.0/x', 'unspecified'],
    ['http://0/x', 'unspecified'],
    ['http://10.0.0.5/x', 'private'],
    ['http://172.16.0.1/x', 'private'],
    ['http://172.31.255.255/x', 'private'],
    ['http://192.168.1.1/x', 'private'],
    ['http://100.64.0.1/x', 'carrier-grade NAT'],
    ['http://[fd12::1]/x', 'unique local'],
    ['http://[fe80::1]/x', 'link-local'],
    ['http://169.254.169.254/metadata', 'cloud metadata'],
    ['http://169.254.169.254./metadata', 'cloud metadata'],
    ['http://169.254.1.1/x', 'link-local'],
    ['http://[fd00:ec2::254]/latest/meta-data', 'cloud metadata'],
    ['http://100.100.100.200/latest/meta-data', 'cloud metadata'],
    ['http://metadata.google.internal/x', 'cloud metadata'],
    ['http://metadata.google.internal./x', 'cloud metadata'],
    ['http://METADATA.Google.Internal../x', 'cloud metadata'],
    ['http://metadata/computeMetadata/v1', 'cloud metadata'],
    ['http://[::ffff:10.0.0.1]/x', 'private'],
    ['http://[::ffff:127.0.0.1]/x', 'loopback'],
    ['http://[::ffff:a9fe:a9fe]/x', 'cloud metadata'],
    ['http://[::127.0.0.1]/x', 'loopback'],
    ['http://[::169.254.169.254]/x', 'cloud metadata'],
    ['http://[0:0:0:0:0:ffff:7f00:1]/x', 'loopback'],
    ['http://[64:ff9b::a9fe:a9fe]/x', 'NAT64'],
    ['http://[2002:a9fe:a9fe::]/x', '6to4'],
    ['http://[::]/x', 'unspecified'],
    ['http://2130706433/x', 'loopback'],
    ['http://0x7f000001/x', 'loopback'],
    ['http://0x7f.0.0.1/x', 'loopback'],
    ['http://0177.0.0.1/x', 'loopback'],
    ['http://017700000001/x', 'loopback'],
    ['http://2852039166/latest', 'cloud metadata'],
    ['http://0xa9.0xfe.0xa9.0xfe/latest', 'cloud metadata'],
    ['http://224.0.0.1/x', 'multicast'],
    ['http://255.255.255.255/x', 'broadcast'],
    ['http://240.0.0.1/x', 'reserved'],
    ['http://user@example.com/x', 'credentials'],
    ['http://example.com:pass@169.254.169.254/x', 'credentials'],
    ['http://huggingface.co@169.254.169.254/x', 'credentials'],
    ['http://169.254.169.254\\@huggingface.co/x', 'cloud metadata'],
    ['http://kubernetes/x', 'single-label'],
    ['http://kubernetes.default.svc/x', 'cluster or private-network'],
    ['http://kube-dns.kube-system.svc.cluster.local./x', 'cluster or private-network'],
    ['http://printer.local/x', 'cluster or private-network'],
    ['http://router.home.arpa/x', 'cluster or private-network'],
    [`https://example.com/${'a'.repeat(2048)}`, 'longer than 2048 characters'],
  ])('refuses %s (%s)', (url, fragment) => {
    expect(describeUnsafeDataUrl(url)).toContain(fragment);
  });

  it('leaves host names to resolve, without their trailing dots', () => {
    expect(checkDataUrl('http://169.254.169.254.nip.io./x')).toMatchObject({ ok: true, hostToResolve: '169.254.169.254.nip.io' });
    const literal = checkDataUrl('http://[2606:4700:4700::1111]/x');
    expect(literal.ok).toBe(true);
    expect(literal).not.toHaveProperty('hostToResolve');
  });
});

describe('describeUnsafeAddress', () => {
  it.each(['8.8.8.8', '2606:4700:4700::1111', '[2a00:1450:4001::200e]', '172.32.0.1'])('allows the public address %s', address => {
    expect(describeUnsafeAddress(address)).toBeUndefined();
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['169.254.169.254', 'cloud metadata'],
    ['fd00:ec2::254', 'cloud metadata'],
    ['::ffff:169.254.169.254', 'cloud metadata'],
    ['::127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['fc00::1', 'unique local'],
    ['fec0::1', 'site-local'],
    ['2001:db8::1', 'reserved'],
    ['not-an-ip', 'not an IP address'],
  ])('refuses %s (%s)', (address, fragment) => {
    expect(describeUnsafeAddress(address)).toContain(fragment);
  });
});

describe('describeUnsafeHostName', () => {
  it('allows public names and refuses internal ones however they are spelled', () => {
    expect(describeUnsafeHostName('huggingface.co')).toBeUndefined();
    expect(describeUnsafeHostName('huggingface.co.')).toBeUndefined();
    expect(describeUnsafeHostName('Metadata.Google.Internal.')).toContain('cloud metadata');
  });

  it('scans a long run of trailing dots in one pass', () => {
    expect(describeUnsafeHostName(`metadata${'.'.repeat(40_000)}`)).toContain('cloud metadata');
  });
});
