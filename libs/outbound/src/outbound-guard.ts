import { lookup as dnsLookup, LookupAddress, LookupOptions } from 'node:dns';
import { promisify } from 'node:util';
import * as http from 'node:http';
import * as https from 'node:https';
import { isIP } from 'node:net';
import { classifyAddress, classifyHostName } from './address-rules';

/** Resolves a host name to every address it has (the system resolver unless a test gives one). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

const lookupAll = promisify(dnsLookup);
export const systemResolver: Resolver = (hostname) => lookupAll(hostname, { all: true, verbatim: true });

/** A call refused because of where it would go; `reason` is written for the person who set the URL. */
export class OutboundRefusedError extends Error {
  override readonly name = 'OutboundRefusedError';
  readonly code = 'EOUTBOUNDREFUSED';

  constructor(readonly reason: string) {
    super(`refused: ${reason}`);
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

const bareHost = (host: string) =>
  host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
const CALLED_FOR = 'plain http only for hosts on PROVIDER_HOST_ALLOWLIST';

/**
 * Where a URL someone other than the operator chose (a district's translation engine) may lead:
 * https only, and never to loopback, private, link-local, CGNAT, unspecified, multicast, reserved
 * or cloud-metadata addresses, IPv4-mapped and other IPv6 forms of them included — unless the host,
 * as written in the URL, is on the operator's allow-list, which also permits plain http.
 *
 * Checked twice: when the URL is saved (`refusalOf`, resolving the name), and on every connection
 * (`httpAgent`/`httpsAgent`, whose `lookup` resolves the name, checks every address and hands the
 * socket only checked addresses), so a name that resolves elsewhere later (DNS rebinding) is refused
 * at connect time. Addresses written in the URL never reach `lookup`: `assertCallable` checks them
 * before each request. Redirects are never followed by the callers.
 */
export class OutboundGuard {
  private readonly allowed: ReadonlySet<string>;
  readonly httpAgent: http.Agent;
  readonly httpsAgent: https.Agent;

  constructor(
    allowList: readonly string[] = [],
    private readonly resolver: Resolver = systemResolver,
  ) {
    this.allowed = new Set(allowList.map(bareHost).filter(Boolean));
    this.httpAgent = new http.Agent({ keepAlive: true, lookup: this.lookup });
    this.httpsAgent = new https.Agent({ keepAlive: true, lookup: this.lookup });
  }

  /** Whether the operator allowed this host (as written in the URL). */
  allowListed(hostname: string): boolean {
    return this.allowed.has(bareHost(hostname));
  }

  /** The agent for a request to `url`: it connects only to checked addresses. */
  agentFor(url: URL): http.Agent {
    return url.protocol === 'http:' ? this.httpAgent : this.httpsAgent;
  }

  /** Throws an OutboundRefusedError unless `url` may be requested; no DNS (the agents' lookup does that). */
  assertCallable(url: URL): void {
    const reason = this.staticRefusal(url);
    if (reason) throw new OutboundRefusedError(reason);
  }

  /**
   * Why `value` may not be stored as a URL to call, or null when it may: its form (https, no
   * credentials, query or fragment), then every address its host resolves to.
   */
  async refusalOf(value: string): Promise<string | null> {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return 'is not a valid URL';
    }
    if (url.username || url.password) return 'must not carry a user name or password (put keys in apiKey)';
    if (url.search || url.hash) return 'must not carry a query or a fragment (put keys in apiKey)';
    const reason = this.staticRefusal(url);
    if (reason || this.allowListed(url.hostname) || isIP(bareHost(url.hostname))) return reason;
    try {
      await this.resolveChecked(url.hostname);
      return null;
    } catch (error) {
      return error instanceof OutboundRefusedError ? error.reason : 'has a host name that does not resolve';
    }
  }

  /** `net.LookupFunction` for the agents: resolves, refuses unless every address passes, answers checked addresses only. */
  readonly lookup = (hostname: string, options: LookupOptions | number | undefined, callback: LookupCallback): void => {
    const opts: LookupOptions = typeof options === 'object' ? options : { family: options };
    this.resolveChecked(hostname).then(
      (addresses) => {
        const family = opts.family === 4 || opts.family === 'IPv4' ? 4 : opts.family === 6 || opts.family === 'IPv6' ? 6 : 0;
        const usable = family ? addresses.filter((a) => a.family === family) : addresses;
        if (usable.length === 0) {
          callback(Object.assign(new Error(`no IPv${String(family)} address for the host`), { code: 'ENOTFOUND' }), '', 0);
        } else if (opts.all) {
          callback(null, usable);
        } else {
          callback(null, usable[0].address, usable[0].family);
        }
      },
      (error: unknown) => {
        callback(error instanceof Error ? error : new Error(String(error)), '', 0);
      },
    );
  };

  private staticRefusal(url: URL): string | null {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return `must be an https URL`;
    const host = bareHost(url.hostname);
    if (!host) return 'has no host';
    if (this.allowListed(host)) return null;
    if (url.protocol !== 'https:') return `must use https (${CALLED_FOR})`;
    const named = isIP(host) ? classifyAddress(host) : classifyHostName(host);
    return named ? `must not point at a ${named} address` : null;
  }

  private async resolveChecked(hostname: string): Promise<LookupAddress[]> {
    const host = bareHost(hostname);
    const trusted = this.allowListed(host);
    if (!trusted) {
      const named = classifyHostName(host);
      if (named) throw new OutboundRefusedError(`must not point at a ${named} address`);
    }
    const addresses = await this.resolver(host);
    if (addresses.length === 0) throw Object.assign(new Error('the host has no address'), { code: 'ENOTFOUND' });
    if (!trusted) {
      for (const { address } of addresses) {
        const refused = classifyAddress(address);
        if (refused) throw new OutboundRefusedError(`resolves to a ${refused} address`);
      }
    }
    return addresses;
  }
}
