import { classifyAddress, classifyHostName, v6ToBigInt } from './address-rules';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.10', 'private'],
    ['169.254.0.5', 'link-local'],
    ['100.64.0.1', 'shared (CGNAT)'],
    ['100.127.255.254', 'shared (CGNAT)'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.251', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['198.51.100.7', 'reserved'],
    ['169.254.169.254', 'cloud metadata'],
    ['169.254.170.2', 'cloud metadata'],
    ['168.63.129.16', 'cloud metadata'],
    ['100.100.100.200', 'cloud metadata'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'multicast'],
    ['fd00:ec2::254', 'cloud metadata'],
    ['2001:db8::1', 'reserved'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'cloud metadata'],
    ['::ffff:10.0.0.1', 'private'],
    ['::10.0.0.1', 'private'],
    ['64:ff9b::a9fe:a9fe', 'cloud metadata'],
    ['2002:c0a8:0101::1', 'private'],
  ])('%s is %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  it.each([
    '8.8.8.8',
    '93.184.216.34',
    '172.32.0.1',
    '100.128.0.1',
    '169.255.0.1',
    '2606:4700:4700::1111',
    '2a00:1450:4001:80b::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:0808:0808::1',
  ])('%s is public', (address) => {
    expect(classifyAddress(address)).toBeNull();
  });

  it('refuses what is not an address', () => {
    expect(() => classifyAddress('example.org')).toThrow(/not an IP address/);
  });

  it('reads IPv6 in every spelling', () => {
    expect(v6ToBigInt('::ffff:127.0.0.1')).toBe(v6ToBigInt('0:0:0:0:0:ffff:7f00:0001'));
    expect(v6ToBigInt('fe80::')).toBe(0xfe80n << 112n);
    expect(v6ToBigInt('::1')).toBe(1n);
  });
});

describe('classifyHostName', () => {
  it.each([
    ['localhost', 'loopback'],
    ['LOCALHOST.', 'loopback'],
    ['api.localhost', 'loopback'],
    ['metadata.google.internal', 'cloud metadata'],
    ['metadata.google.internal.', 'cloud metadata'],
    ['instance-data.ec2.internal', 'cloud metadata'],
    ['metadata', 'cloud metadata'],
  ])('%s is %s', (name, expected) => {
    expect(classifyHostName(name)).toBe(expected);
  });

  it('leaves other names to their addresses', () => {
    expect(classifyHostName('translation.googleapis.com')).toBeNull();
    expect(classifyHostName('localhost.example.org')).toBeNull();
  });
});
