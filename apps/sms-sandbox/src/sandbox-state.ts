import { randomBytes } from 'node:crypto';

export interface SandboxAccount {
  sid: string;
  token: string;
  /** Where inbound messages to this account's numbers are posted (Twilio's "A message comes in" URL). */
  smsUrl?: string;
}

export interface SandboxMessage {
  sid: string;
  accountSid: string;
  to: string;
  from: string;
  messagingServiceSid: string | null;
  body: string;
  status: string;
  numSegments: number;
  errorCode: number | null;
  errorMessage: string | null;
  statusCallback?: string;
  dateCreated: Date;
  dateUpdated: Date;
  dateSent: Date | null;
}

export interface Faults {
  optedOut: Set<string>;
  /** Phone → how many more messages to it fail with 30003 (Infinity: every one). */
  unreachable: Map<string, number>;
  invalid: Set<string>;
  rateLimitNext: number;
  latencyMs: number;
  callbacks: boolean;
}

/** SIDs are drawn from a pool of random bytes refilled 512 at a time: one call per message is a broadcast's worth of system calls. */
const SID_BYTES = 16;
let sidPool = Buffer.alloc(0);
let sidOffset = 0;
export function newSid(prefix: string): string {
  if (sidOffset + SID_BYTES > sidPool.length) {
    sidPool = randomBytes(SID_BYTES * 512);
    sidOffset = 0;
  }
  sidOffset += SID_BYTES;
  return `${prefix}${sidPool.toString('hex', sidOffset - SID_BYTES, sidOffset)}`;
}

/**
 * Everything the sandbox knows, in memory: it stands in for Twilio at the edge of the world and
 * keeps no data of Porchlight's. Every create call is counted, accepted or not.
 */
export class SandboxState {
  readonly accounts = new Map<string, SandboxAccount>();
  readonly messages: SandboxMessage[] = [];
  readonly bySid = new Map<string, SandboxMessage>();
  readonly byTo = new Map<string, SandboxMessage[]>();
  readonly stats = { createCalls: 0, accepted: 0, rejected: 0, callbacksSent: 0, callbacksFailed: 0 };
  faults: Faults = SandboxState.noFaults();

  static noFaults(): Faults {
    return { optedOut: new Set(), unreachable: new Map(), invalid: new Set(), rateLimitNext: 0, latencyMs: 0, callbacks: true };
  }

  register(account: SandboxAccount): void {
    this.accounts.set(account.sid, { ...this.accounts.get(account.sid), ...account });
  }

  /** HTTP Basic with the account SID and token; an unknown account is trusted on first use. */
  authenticate(accountSid: string, authorization: string | undefined): SandboxAccount | undefined {
    const [scheme, encoded] = (authorization ?? '').split(' ');
    if (scheme !== 'Basic' || !encoded) return undefined;
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const user = decoded.slice(0, decoded.indexOf(':'));
    const token = decoded.slice(decoded.indexOf(':') + 1);
    if (user !== accountSid || !token) return undefined;
    const known = this.accounts.get(accountSid);
    if (!known) {
      this.register({ sid: accountSid, token });
      return this.accounts.get(accountSid);
    }
    return known.token === token ? known : undefined;
  }

  add(message: SandboxMessage): void {
    this.messages.push(message);
    this.bySid.set(message.sid, message);
    const list = this.byTo.get(message.to) ?? [];
    list.push(message);
    this.byTo.set(message.to, list);
  }

  clearMessages(): void {
    this.messages.length = 0;
    this.bySid.clear();
    this.byTo.clear();
    Object.assign(this.stats, { createCalls: 0, accepted: 0, rejected: 0, callbacksSent: 0, callbacksFailed: 0 });
  }
}
