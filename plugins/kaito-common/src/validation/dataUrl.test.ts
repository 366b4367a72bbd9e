import { describeUnsafeDataUrl } from './dataUrl';

describe('describeUnsafeDataUrl', () => {
  it.each([
    ['https://huggingface.co/datasets/x/resolve/main/a.parquet?download=true'],
    ['http://example.com:8080/data.json'],
    ['https://172.32.0.1/x'],
    ['https://[2001:db8::1]/x'],
  ])('allows %s', url => {
    expect(describeUnsafeDataUrl(url)).toBeUndefined();
  });

  it.each([
    ['not a url', 'is not a valid URL'],
    ['file:///etc/passwd', 'must use http or https, not file'],
    ['http://localhost/x', 'loopback'],
    ['http://api.localhost/x', 'loopback'],
    ['http://127.1.2.3/x', 'loopback'],
    ['http://[::1]/x', 'loopback'],
    ['http://0.0.0.0/x', 'unspecified'],
    ['http://10.0.0.5/x', 'private'],
    ['http://172.16.0.1/x', 'private'],
    ['http://172.31.255.255/x', 'private'],
    ['http://192.168.1.1/x', 'private'],
    ['http://100.64.0.1/x', 'carrier-grade NAT'],
    ['http://[fd12::1]/x', 'unique local'],
    ['http://[fe80::1]/x', 'link-local'],
    ['http://169.254.169.254/metadata', 'cloud metadata'],
    ['http://metadata.google.internal/x', 'cloud metadata'],
    ['http://[::ffff:10.0.0.1]/x', 'private'],
    ['http://[::ffff:127.0.0.1]/x', 'loopback'],
    ['http://2130706433/x', 'loopback'],
    ['http://0x7f000001/x', 'loopback'],
  ])('refuses %s (%s)', (url, fragment) => {
    expect(describeUnsafeDataUrl(url)).toContain(fragment);
  });
});
