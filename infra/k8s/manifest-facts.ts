import * as config from '@porchlight/config';
import { QueueName } from '@porchlight/contracts';
import { getMetadataStorage } from 'class-validator';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { Container, K8sObject } from './kustomize';

/** What the manifests are checked against, read from the code rather than restated. */
export const ROOT = join(__dirname, '..', '..');

/** The env class an entry point loads (`loadEnvOrExit(ApiEnv)`), read from its source. */
function envClassOf(source: string): new () => object {
  const name = /loadEnvOrExit\((\w+)\)/.exec(readFileSync(join(ROOT, source), 'utf8'))?.[1];
  const cls = name ? (config as unknown as Record<string, new () => object>)[name] : undefined;
  if (!cls) throw new Error(`${source} loads no env class of libs/config`);
  return cls;
}

/** Every variable an env class reads: its validated properties, inherited ones included. */
function variablesOf(cls: new () => object): Set<string> {
  return new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(cls, '', true, false)
      .map((m) => m.propertyName),
  );
}

/** The script each Porchlight command runs, and the variables that process reads. */
export const SETUP_SCRIPT = 'dist/libs/database/src/setup/setup.cli.js';
export function variablesRead(script: string): Set<string> {
  const source = script === SETUP_SCRIPT ? 'libs/database/src/setup/setup.cli.ts' : script.replace(/^dist\//, '').replace(/\.js$/, '.ts');
  return variablesOf(envClassOf(source));
}

/** Every variable some Porchlight process reads (the ConfigMap is shared by all of them). */
export function variablesReadByAnyApp(): Set<string> {
  const apps = readdirSync(join(ROOT, 'apps')).filter((app) => app !== 'portal');
  const scripts = [SETUP_SCRIPT, ...apps.map((app) => `dist/apps/${app}/src/main.js`)];
  return new Set(scripts.flatMap((script) => [...variablesRead(script)]));
}

/** The queues an app's workers consume (`consumes: [QueueName.Delivery, …]` in its module). */
export function queuesConsumedBy(app: string): QueueName[] {
  const dir = join(ROOT, 'apps', app, 'src');
  const module = readdirSync(dir).find((file) => file.endsWith('.module.ts'));
  const list = module ? /consumes:\s*\[([^\]]*)\]/.exec(readFileSync(join(dir, module), 'utf8'))?.[1] : undefined;
  return [...(list ?? '').matchAll(/QueueName\.(\w+)/g)].map((m) => QueueName[m[1] as keyof typeof QueueName]);
}

/** Every JavaScript file `npm run build` (tsconfig.build.json) writes, relative to the root. */
export function builtScripts(): Set<string> {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.build.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  if (!parsed) throw new Error('tsconfig.build.json cannot be read');
  return new Set(
    parsed.fileNames
      .flatMap((file) => ts.getOutputFileNames(parsed, file, false))
      .filter((out) => out.endsWith('.js'))
      .map((out) => relative(ROOT, out)),
  );
}

export interface PodTemplate {
  owner: K8sObject;
  spec: {
    containers: Container[];
    initContainers?: Container[];
    terminationGracePeriodSeconds?: number;
    securityContext?: Record<string, unknown>;
    [field: string]: unknown;
  };
  labels: Record<string, string>;
}

export function podTemplates(objects: K8sObject[]): PodTemplate[] {
  return objects.flatMap((owner) => {
    const template = (owner.spec as { template?: { metadata?: { labels?: Record<string, string> }; spec: PodTemplate['spec'] } } | undefined)?.template;
    return template ? [{ owner, spec: template.spec, labels: template.metadata?.labels ?? {} }] : [];
  });
}

/** A Porchlight container runs `node dist/…`; others (the dev overlay's Postgres and Redis) do not. */
export const scriptOf = (container: Container) => {
  const command = container.command as string[] | undefined;
  return command?.[0] === 'node' && command[1]?.startsWith('dist/') ? command[1] : undefined;
};

export interface EnvValue {
  value?: string;
  secret?: { name: string; key: string };
}

/** A container's environment as Kubernetes builds it: ConfigMaps of `envFrom`, then `env`. */
export function environment(container: Container, objects: K8sObject[]): Map<string, EnvValue> {
  const env = new Map<string, EnvValue>();
  for (const from of (container.envFrom as { configMapRef?: { name: string } }[] | undefined) ?? []) {
    const map = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === from.configMapRef?.name);
    if (!map) throw new Error(`${container.name}: ConfigMap ${from.configMapRef?.name} is not in the render`);
    for (const [key, value] of Object.entries((map.data as Record<string, string>) ?? {})) env.set(key, { value });
  }
  type Entry = { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } };
  for (const entry of (container.env as Entry[] | undefined) ?? []) {
    env.set(entry.name, entry.valueFrom?.secretKeyRef ? { secret: entry.valueFrom.secretKeyRef } : { value: entry.value });
  }
  return env;
}

/** Selector `matchLabels` that all appear in `labels`. */
export const selects = (selector: Record<string, string> | undefined, labels: Record<string, string>) =>
  !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => labels[key] === value);
