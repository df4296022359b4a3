import { isIP } from 'node:net';

/** Why an address may not be called on a tenant's behalf. */
export type AddressClass = 'loopback' | 'private' | 'link-local' | 'shared (CGNAT)' | 'unspecified' | 'multicast' | 'cloud metadata' | 'reserved';

/** Instance metadata services: AWS, GCP, Azure, OpenStack (169.254.169.254), ECS tasks, Azure's wire server, Alibaba, Oracle. */
const METADATA_V4 = new Set(['169.254.169.254', '169.254.170.2', '168.63.129.16', '100.100.100.200', '192.0.0.192']);
const METADATA_V6 = ['fd00:ec2::254'];
/** Names that reach a metadata service or this machine whatever the resolver says. */
const METADATA_NAMES = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.azure.internal',
]);

const V4_RANGES: Array<[string, number, AddressClass]> = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared (CGNAT)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'],
  ['192.88.99.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

const V6_RANGES: Array<[string, number, AddressClass]> = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['100::', 64, 'reserved'],
  ['2001::', 32, 'reserved'],
  ['2001:db8::', 32, 'reserved'],
  ['fc00::', 7, 'private'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'private'],
  ['ff00::', 8, 'multicast'],
];

/** IPv6 prefixes that carry an IPv4 address, judged by the IPv4 address they carry. */
const V6_EMBEDDING: Array<{ prefix: string; bits: number; v4At: number }> = [
  { prefix: '::ffff:0:0', bits: 96, v4At: 96 }, // IPv4-mapped
  { prefix: '::', bits: 96, v4At: 96 }, // IPv4-compatible (deprecated)
  { prefix: '64:ff9b::', bits: 96, v4At: 96 }, // NAT64
  { prefix: '64:ff9b:1::', bits: 48, v4At: 96 }, // local-use NAT64
  { prefix: '2002::', bits: 16, v4At: 16 }, // 6to4
];

function v4ToInt(address: string): number {
  return address.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

function intToV4(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/** An IPv6 address as a 128-bit integer (`::`, embedded dotted quads and zone ids understood). */
export function v6ToBigInt(address: string): bigint {
  let text = address.replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const n = v4ToInt(dotted[1]);
    text = `${text.slice(0, dotted.index)}${Math.floor(n / 65536).toString(16)}:${(n % 65536).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  return groups.reduce((n, group) => (n << 16n) | BigInt(parseInt(group || '0', 16)), 0n);
}

const inV4 = (n: number, [base, bits]: [string, number, AddressClass]) => Math.floor(n / 2 ** (32 - bits)) === Math.floor(v4ToInt(base) / 2 ** (32 - bits));
const inV6 = (n: bigint, base: string, bits: number) => n >> BigInt(128 - bits) === v6ToBigInt(base) >> BigInt(128 - bits);

function classifyV4(address: string): AddressClass | null {
  if (METADATA_V4.has(address)) return 'cloud metadata';
  const n = v4ToInt(address);
  return V4_RANGES.find((range) => inV4(n, range))?.[2] ?? null;
}

function classifyV6(address: string): AddressClass | null {
  const n = v6ToBigInt(address);
  if (METADATA_V6.some((m) => v6ToBigInt(m) === n)) return 'cloud metadata';
  // ::, ::1 first: they sit inside the IPv4-compatible prefix.
  const exact = V6_RANGES.find(([base, bits]) => bits === 128 && inV6(n, base, bits));
  if (exact) return exact[2];
  for (const { prefix, bits, v4At } of V6_EMBEDDING) {
    if (inV6(n, prefix, bits)) return classifyV4(intToV4(Number((n >> BigInt(128 - v4At - 32)) & 0xffffffffn)));
  }
  return V6_RANGES.find(([base, bits]) => inV6(n, base, bits))?.[2] ?? null;
}

/** The class of an address no tenant may reach (loopback, private, metadata…), or null for a public one. */
export function classifyAddress(address: string): AddressClass | null {
  const bare = address.replace(/^\[|\]$/g, '');
  switch (isIP(bare.replace(/%.*$/, ''))) {
    case 4:
      return classifyV4(bare);
    case 6:
      return classifyV6(bare);
    default:
      throw new Error(`not an IP address: ${JSON.stringify(address)}`);
  }
}

/** The class of a host name that must never be called whatever it resolves to (`localhost`, metadata names), or null. */
export function classifyHostName(hostname: string): AddressClass | null {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return 'loopback';
  if (METADATA_NAMES.has(name)) return 'cloud metadata';
  return null;
}
