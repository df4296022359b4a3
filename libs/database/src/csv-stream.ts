import { Client, escapeLiteral } from 'pg';
import { Socket } from 'node:net';
import { Readable } from 'node:stream';
import { EntityManager } from 'typeorm';

/** A chunk's size before it is passed on: a few hundred kB, few writes to the reader. */
const CHUNK_BYTES = 256 * 1024;
const CRLF = Buffer.from('\r\n');

/**
 * The rows of `select` as CSV (RFC 4180, CRLF line ends), written by Postgres's `COPY ... TO STDOUT
 * (FORMAT csv)` on the manager's connection and in its transaction: `head` first, then one line per
 * row in the statement's order. Postgres quotes a value holding a comma, a quote or a line break
 * (doubling its quotes) and the empty string (`""`); NULL is written as nothing.
 *
 * COPY takes no bind parameters: each `$n` of `select` (outside string constants) is written as
 * the literal of `params[n - 1]` (a string, a number, null, or an array of strings and nulls), escaped as
 * Postgres reads it.
 *
 * The statement runs once to its end (Postgres may give it parallel workers, which a cursor never
 * has) and its lines are passed on as they arrive, as bytes: the reader starts while Postgres still
 * works. When the reader falls behind, the connection's socket is paused and Postgres waits: memory
 * holds one chunk and what the socket buffers, whatever the size.
 *
 * `ready` settles with the first chunk (or the end): it rejects when the statement fails before
 * any row. Destroying the stream before the statement ends closes the connection (a statement
 * blocked sending cannot be stopped otherwise), which ends its transaction; the pool drops that
 * connection when it is released and opens another.
 */
export function streamCsv(m: EntityManager, select: string, params: readonly unknown[], head = ''): CsvStream {
  const client = (m.queryRunner as unknown as { databaseConnection?: Client } | undefined)?.databaseConnection;
  if (!client) throw new Error('streamCsv() needs a transaction-bound EntityManager (TenantDb.tx or snapshot)');
  const text = select.replace(/\$(\d+)\b/g, (_, n: string) => literal(params[Number(n) - 1]));
  return new CsvStream(client, `copy (${text}) to stdout with (format csv)`, head);
}

/** `value` as a SQL literal. */
function literal(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return escapeLiteral(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' || item === null))
    return escapeLiteral(`{${value.map((item: string | null) => (item === null ? 'NULL' : `"${item.replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`);
  throw new Error(`no SQL literal for a parameter of type ${typeof value}`);
}

export class CsvStream extends Readable {
  /** Settles with the first chunk or the end; rejects when the statement fails first. */
  readonly ready: Promise<void>;
  private readonly socket: Socket;
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private started = false;
  private running = true;
  private failed = false;
  private settle!: (error?: Error) => void;

  constructor(
    private readonly client: Client,
    text: string,
    head: string,
  ) {
    super();
    this.socket = (client as unknown as { connection: { stream: Socket } }).connection.stream;
    this.ready = new Promise<void>((resolve, reject) => {
      this.settle = (error) => {
        if (error) reject(error);
        else resolve();
      };
    });
    // Whoever opens the stream awaits `ready`; a stream destroyed later must not leave it unhandled.
    this.ready.catch(() => undefined);
    if (head) this.add(Buffer.from(head, 'utf8'), false);
    // What the client calls on the statement it runs (pg's submittable): a simple query, then a CopyData message per row.
    const copy = {
      submit: (connection: { query(text: string): void }) => {
        connection.query(text);
      },
      handleCopyData: (message: { chunk: Buffer }) => {
        if (!this.destroyed) this.row(message.chunk);
      },
      handleCommandComplete: () => undefined,
      handleRowDescription: () => undefined,
      handleDataRow: () => undefined,
      handleEmptyQuery: () => undefined,
      handleError: (error: Error) => {
        this.failed = true;
        this.running = false;
        this.socket.resume();
        this.destroy(error);
      },
      handleReadyForQuery: () => {
        this.running = false;
        if (this.failed || this.destroyed) return;
        this.flush();
        this.push(null);
        this.settle();
        // A last chunk the reader has not taken must not hold the connection's next statements.
        this.socket.resume();
      },
    };
    void client.query(copy as never);
  }

  override _read(): void {
    this.socket.resume();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.settle(error ?? new Error('stream destroyed before its first chunk'));
    if (this.running) {
      this.running = false;
      // Ends the statement and its transaction; `_ending` keeps the client from reporting it as an error.
      this.client.end().catch(() => undefined);
    }
    callback(error);
  }

  /** One row as Postgres wrote it, its line feed made CRLF. */
  private row(line: Buffer): void {
    this.add(line.subarray(0, line.length - 1), true);
    this.add(CRLF, true);
  }

  /** Copies `bytes` into the chunk (the parser reuses its buffer), passing the chunk on when full. */
  private add(bytes: Buffer, flushWhenFull: boolean): void {
    if (this.used + bytes.length > this.chunk.length) {
      if (flushWhenFull) this.flush();
      if (bytes.length > this.chunk.length - this.used) this.chunk = Buffer.concat([this.chunk.subarray(0, this.used), Buffer.alloc(bytes.length)]);
    }
    bytes.copy(this.chunk, this.used);
    this.used += bytes.length;
  }

  private flush(): void {
    if (this.used === 0) return;
    const chunk = this.chunk.subarray(0, this.used);
    this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
    if (!this.push(chunk) && this.running) this.socket.pause();
    if (!this.started) {
      this.started = true;
      this.settle();
    }
  }
}
