import { ChildProcess, spawn } from 'node:child_process';
import cluster from 'node:cluster';
import { RestartPolicy, RestartPolicyOptions } from './restart-policy';

export interface AppSpec {
  name: string;
  /** The built entry point, run with this Node.js. */
  script: string;
  env: NodeJS.ProcessEnv;
  /**
   * Run as a worker of Node's cluster, with this process as its primary, so that every instance
   * of the app shares the port it listens on (the API's processes behind one `PORT`).
   */
  cluster?: boolean;
}

export interface SupervisorOptions {
  policy: RestartPolicyOptions;
  /** How long a graceful stop waits for the apps before it kills what still runs. */
  stopGraceMs: number;
  log: (line: string) => void;
  /** Where the apps' stderr goes on to (it is read on the way, for the reason of a crash); the supervisor's own by default. */
  stderr?: { write(chunk: Buffer): unknown };
}

interface Running {
  spec: AppSpec;
  policy: RestartPolicy;
  child?: ChildProcess;
  startedAt: number;
  /** The end of what it wrote to stderr since it last started: why it failed, in its own words. */
  stderrTail: string;
  restartTimer?: NodeJS.Timeout;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/**
 * Runs each app as its own process and keeps it running: an app that exits is started again after
 * a growing delay, while the others go on serving. A crash loop, or `stop()`, ends them all. The
 * apps run in their own process group, so a terminal's Ctrl-C reaches them only through here.
 */
export class Supervisor {
  private readonly apps = new Map<string, Running>();
  private stopping?: Promise<number>;

  constructor(private readonly options: SupervisorOptions) {}

  start(specs: AppSpec[]): void {
    for (const spec of specs) {
      const app: Running = { spec, policy: new RestartPolicy(this.options.policy), startedAt: Date.now(), stderrTail: '' };
      this.apps.set(spec.name, app);
      this.launch(app);
    }
  }

  /** True once a crash loop, `stop()` or `kill()` began to end every app. */
  get stopped(): boolean {
    return this.stopping !== undefined;
  }

  /** Resolves, with the exit code Porchlight should end with, once every app has exited after a stop. */
  readonly finished = new Promise<number>((resolve) => (this.finish = resolve));
  private finish!: (code: number) => void;
  private code = 0;

  /** SIGTERM to every app (each drains within SHUTDOWN_GRACE_SECONDS), SIGKILL to any still running after the grace. */
  stop(code: number): Promise<number> {
    this.code = Math.max(this.code, code);
    this.stopping ??= (async () => {
      this.signalAll('SIGTERM');
      const timer = setTimeout(() => {
        const late = this.running().map((app) => app.spec.name);
        this.options.log(`${late.join(', ')} still running after ${seconds(this.options.stopGraceMs)}; killing ${late.length === 1 ? 'it' : 'them'}`);
        this.signalAll('SIGKILL');
      }, this.options.stopGraceMs);
      await this.allExited();
      clearTimeout(timer);
      this.finish(this.code);
      return this.code;
    })();
    return this.stopping;
  }

  /** Every app SIGKILLed at once (a second Ctrl-C). */
  kill(code: number): Promise<number> {
    const stopped = this.stop(code);
    this.signalAll('SIGKILL');
    return stopped;
  }

  private launch(app: Running): void {
    app.restartTimer = undefined;
    app.stderrTail = '';
    app.startedAt = Date.now();
    const child = app.spec.cluster
      ? forkClusterWorker(app.spec)
      : spawn(process.execPath, [app.spec.script], { env: app.spec.env, stdio: ['ignore', 'inherit', 'pipe'], detached: true });
    app.child = child;
    child.stderr?.on('data', (chunk: Buffer) => {
      (this.options.stderr ?? process.stderr).write(chunk);
      app.stderrTail = (app.stderrTail + chunk.toString('utf8')).slice(-4000);
    });
    let ended = false;
    const onEnd = (reason: string) => {
      if (ended) return;
      ended = true;
      this.onExit(app, reason);
    };
    // 'close', not 'exit': its last words on stderr may still be on their way when it exits.
    child.on('close', (code, signal) => onEnd(signal ? `signal ${signal}` : `exit code ${code}`));
    child.on('error', (error) => onEnd(error.message));
    this.options.log(`${app.spec.name} started (pid ${child.pid})`);
  }

  private onExit(app: Running, reason: string): void {
    app.child = undefined;
    if (this.stopping) return;
    const ran = Date.now() - app.startedAt;
    const words = tellingLine(app.stderrTail);
    const why = words ? `${reason}: ${words}` : reason;
    const decision = app.policy.onExit(Date.now(), ran);
    if ('crashLoop' in decision) {
      const { exits, withinMs } = decision.crashLoop;
      this.options.log(`${app.spec.name} exited ${exits} times within ${seconds(withinMs)} (last: ${why}); stopping Porchlight`);
      void this.stop(1);
      return;
    }
    this.options.log(`${app.spec.name} exited (${why}) after ${seconds(ran)}; starting it again in ${seconds(decision.restartInMs)}`);
    app.restartTimer = setTimeout(() => this.launch(app), decision.restartInMs);
  }

  private running(): Running[] {
    return [...this.apps.values()].filter((app) => app.child !== undefined);
  }

  private signalAll(signal: NodeJS.Signals): void {
    for (const app of this.apps.values()) {
      clearTimeout(app.restartTimer);
      app.restartTimer = undefined;
      app.child?.kill(signal);
    }
  }

  private async allExited(): Promise<void> {
    await Promise.all(
      this.running().map(
        ({ child }) =>
          new Promise<void>((resolve) => (child!.exitCode !== null || child!.signalCode !== null ? resolve() : child!.once('exit', () => resolve()))),
      ),
    );
  }
}

/**
 * Forks `spec.script` as a cluster worker: its `listen()` calls share this process's listening
 * sockets with the app's other instances (connections handed round-robin). Its output is piped
 * through here like a spawned app's.
 */
function forkClusterWorker(spec: AppSpec): ChildProcess {
  cluster.setupPrimary({ exec: spec.script, args: [], silent: true });
  const worker = cluster.fork(spec.env);
  worker.process.stdout?.pipe(process.stdout);
  return worker.process;
}

/**
 * The line of a stderr chunk that best says why a process is failing: the last one naming an
 * error, else the last that is not a stack frame, a source excerpt or Node's version banner.
 */
export function tellingLine(text: string): string | undefined {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^at\s/.test(line) && !/^Node\.js v\d/.test(line) && !/^\^+$/.test(line));
  const line = [...lines].reverse().find((l) => /\b\w*Error\b/.test(l)) ?? lines[lines.length - 1];
  return line && line.length > 200 ? `${line.slice(0, 197)}...` : line;
}
