import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { K8sObject, kustomize, readObjects } from './kustomize';
import {
  builtScripts,
  environment,
  podTemplates,
  queuesConsumedBy,
  ROOT,
  scriptOf,
  selects,
  SETUP_SCRIPT,
  variablesRead,
  variablesReadByAnyApp,
} from './manifest-facts';
import { schemaProblems, unknownFieldProblems } from './schemas';

const K8S = __dirname;
const OVERLAYS = ['small', 'medium', 'large', 'dev'];
const rendered = Object.fromEntries(OVERLAYS.map((name) => [name, kustomize(join(K8S, 'overlays', name))]));

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return entry.endsWith('.yaml') && entry !== 'kustomization.yaml' ? [path] : [];
  });
}

const byKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);
const named = (objects: K8sObject[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
const component = (o: { metadata?: { labels?: Record<string, string> } }) => o.metadata?.labels?.['app.kubernetes.io/component'] ?? '';
type Probe = { httpGet?: { path: string; port: string | number } };
type Port = { name?: string; containerPort: number };

describe('Kubernetes manifests (infra/k8s)', () => {
  it('holds every document of every file, and of every overlay rendered, to the Kubernetes and KEDA schemas, unknown fields included', () => {
    const files = yamlFiles(K8S).flatMap((path) => readObjects(path).map((object) => ({ source: relative(ROOT, path), object })));
    const renders = OVERLAYS.flatMap((name) => rendered[name].map((object) => ({ source: `overlays/${name}`, object })));
    expect(files.length).toBeGreaterThan(20);
    expect(schemaProblems([...files, ...renders])).toEqual([]);
    expect(unknownFieldProblems([...files, ...renders])).toEqual([]);
  });

  it('catches a misspelt field and a wrong type, so the check above can fail', () => {
    const deployment = structuredClone(named(rendered.medium, 'Deployment', 'porchlight-delivery')!);
    const pod = (deployment.spec as { template: { spec: { containers: Record<string, unknown>[] } } }).template.spec;
    pod.containers[0].livenessProbes = pod.containers[0].livenessProbe;
    expect(unknownFieldProblems([{ source: 'test', object: deployment }]).join()).toContain(`livenessProbes"' does not exist in type 'IContainer'`);
    (pod.containers[0].ports as Port[])[0].containerPort = '8080' as unknown as number;
    expect(schemaProblems([{ source: 'test', object: deployment }]).join()).toContain('containerPort must be integer');
  });

  it('renders the overlays: more of each app from small to large, the SMS sandbox and its own datastores only in dev', () => {
    const ceiling = (overlay: string, app: string) =>
      (named(rendered[overlay], 'ScaledObject', `porchlight-${app}`)?.spec as { maxReplicaCount: number }).maxReplicaCount;
    expect(['small', 'medium', 'large'].map((o) => ceiling(o, 'delivery'))).toEqual([3, 8, 40]);
    expect(
      ['small', 'medium', 'large'].map((o) => (named(rendered[o], 'HorizontalPodAutoscaler', 'porchlight-api')?.spec as { maxReplicas: number }).maxReplicas),
    ).toEqual([3, 6, 20]);
    for (const overlay of OVERLAYS) {
      expect(!!named(rendered[overlay], 'Deployment', 'porchlight-sms-sandbox')).toBe(overlay === 'dev');
      expect(byKind(rendered[overlay], 'StatefulSet').length > 0).toBe(overlay === 'dev');
      expect(rendered[overlay].every((o) => o.kind === 'Namespace' || o.metadata.namespace === 'porchlight')).toBe(true);
    }
    expect(byKind(rendered.dev, 'ScaledObject')).toEqual([]);
    const images = (overlay: string) => new Set(podTemplates(rendered[overlay]).flatMap((p) => p.spec.containers.filter(scriptOf).map((c) => c.image)));
    expect([...images('large')]).toEqual(['registry.example.org/porchlight:0.1.0']);
    expect([...images('dev')]).toEqual(['porchlight:dev']);
  });

  it('opens at most the Postgres connections docs/deploy.md budgets: 85, 270 and 1,120 at full scale', () => {
    const budget = (overlay: string) =>
      podTemplates(byKind(rendered[overlay], 'Deployment')).reduce((sum, pod) => {
        const name = pod.owner.metadata.name;
        const scaler = rendered[overlay].find((o) => (o.spec as { scaleTargetRef?: { name: string } } | undefined)?.scaleTargetRef?.name === name);
        const spec = scaler?.spec as { maxReplicas?: number; maxReplicaCount?: number } | undefined;
        const pods = spec?.maxReplicas ?? spec?.maxReplicaCount ?? (pod.owner.spec as { replicas: number }).replicas;
        const pool = Number(environment(pod.spec.containers[0], rendered[overlay]).get('DATABASE_POOL_SIZE')?.value ?? 0);
        return sum + pods * pool;
      }, 0);
    expect(['small', 'medium', 'large'].map(budget)).toEqual([85, 270, 1120]);
  });

  it('requests the CPU and memory docs/deploy.md states, at the floor and at the ceiling', () => {
    const cores = (q: string) => (q.endsWith('m') ? Number(q.slice(0, -1)) / 1000 : Number(q));
    const mebibytes = (q: string) => (q.endsWith('Gi') ? Number(q.slice(0, -2)) * 1024 : Number(q.slice(0, -2)));
    const requested = (overlay: string, end: 'floor' | 'ceiling') =>
      podTemplates(byKind(rendered[overlay], 'Deployment'))
        .reduce(
          ([cpu, memory], pod) => {
            const scaler = rendered[overlay].find(
              (o) => (o.spec as { scaleTargetRef?: { name: string } } | undefined)?.scaleTargetRef?.name === pod.owner.metadata.name,
            );
            const s = scaler?.spec as { minReplicas?: number; maxReplicas?: number; minReplicaCount?: number; maxReplicaCount?: number } | undefined;
            const pods =
              (end === 'floor' ? (s?.minReplicas ?? s?.minReplicaCount) : (s?.maxReplicas ?? s?.maxReplicaCount)) ??
              (pod.owner.spec as { replicas: number }).replicas;
            const r = (pod.spec.containers[0].resources as { requests: { cpu: string; memory: string } }).requests;
            return [cpu + pods * cores(r.cpu), memory + pods * mebibytes(r.memory)];
          },
          [0, 0],
        )
        .map((n, i) => (i === 0 ? n : n / 1024));
    expect(['small', 'medium', 'large'].map((o) => [requested(o, 'floor'), requested(o, 'ceiling')])).toEqual([
      [
        [2.5, 2.75],
        [4.75, 4.875],
      ],
      [
        [3.5, 4],
        [10.5, 10.5],
      ],
      [
        [6.25, 6.5],
        [38.5, 34.25],
      ],
    ]);
  });

  it('keeps the Secret example to placeholders, outside every kustomization', () => {
    const secrets = readObjects(join(K8S, 'secret.example.yaml'));
    const values = secrets.flatMap((s) => Object.values((s.stringData as Record<string, string>) ?? {}));
    expect(values.length).toBeGreaterThan(0);
    expect(values.filter((v) => !/REPLACE|example/.test(v))).toEqual([]);
    for (const overlay of OVERLAYS) expect(byKind(rendered[overlay], 'Secret')).toEqual([]);
  });

  it('refuses kustomize features the renderer does not apply, and patches that miss', () => {
    const dir = mkdtempSync(join(tmpdir(), 'porchlight-kustomize-'));
    const overlay = (name: string, kustomization: string) => {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, 'kustomization.yaml'), `resources: [${join(K8S, 'base')}]\n${kustomization}`);
      return join(dir, name);
    };
    try {
      expect(() => kustomize(overlay('labels', 'commonLabels: { team: sms }\n'))).toThrow('commonLabels is not rendered');
      const missing = 'patches:\n  - target: { kind: Deployment, name: porchlight-api }\n    patch: "[{ op: replace, path: /spec/replicas, value: 3 }]"\n';
      expect(() => kustomize(overlay('missing', missing))).toThrow('/spec/replicas does not exist');
      const strategic = 'patches:\n  - target: { kind: Deployment, name: porchlight-api }\n    patch: "{ spec: { replicas: 3 } }"\n';
      expect(() => kustomize(overlay('strategic', strategic))).toThrow('only JSON patches');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe.each(OVERLAYS)('overlay %s', (overlay) => {
    const objects = rendered[overlay];
    const deployments = byKind(objects, 'Deployment');
    const pods = podTemplates(objects);
    const secretKeys = new Set(readObjects(join(K8S, 'secret.example.yaml')).flatMap((s) => Object.keys((s.stringData as object) ?? {})));

    it('probes every Deployment: alive on /health, ready on /health/ready, on the port the app listens on', () => {
      for (const pod of pods.filter((p) => p.owner.kind === 'Deployment')) {
        const app = component(pod.owner);
        const container = pod.spec.containers.find((c) => c.name === app)!;
        const env = environment(container, objects);
        // The sandbox serves no data of its own: alive is ready.
        const ready = app === 'sms-sandbox' ? '/health' : '/health/ready';
        const listens = app === 'api' ? 'PORT' : app === 'sms-sandbox' ? 'SMS_SANDBOX_PORT' : 'HEALTH_PORT';
        const portOf = (probe: Probe) => {
          const port = probe.httpGet?.port;
          return typeof port === 'number' ? port : (container.ports as Port[]).find((p) => p.name === port)?.containerPort;
        };
        const live = container.livenessProbe as Probe;
        const readiness = container.readinessProbe as Probe;
        expect([app, live?.httpGet?.path, readiness?.httpGet?.path]).toEqual([app, '/health', ready]);
        expect([app, portOf(live), portOf(readiness)]).toEqual([app, Number(env.get(listens)?.value), Number(env.get(listens)?.value)]);
        if (listens === 'HEALTH_PORT') expect([app, env.get('HEALTH_HOST')?.value]).toEqual([app, '0.0.0.0']);
      }
    });

    it('states CPU and memory requests and limits for every container', () => {
      for (const pod of pods) {
        for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
          const r = c.resources as { requests?: Record<string, string>; limits?: Record<string, string> } | undefined;
          expect([pod.owner.metadata.name, c.name, r?.requests?.cpu, r?.requests?.memory, r?.limits?.cpu, r?.limits?.memory].every(Boolean)).toBe(true);
        }
      }
    });

    it('gives every Deployment a PodDisruptionBudget that selects its pods', () => {
      const budgets = byKind(objects, 'PodDisruptionBudget');
      for (const pod of pods.filter((p) => p.owner.kind === 'Deployment')) {
        const matching = budgets.filter((b) => selects((b.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels, pod.labels));
        expect([pod.owner.metadata.name, matching.length]).toEqual([pod.owner.metadata.name, 1]);
      }
    });

    it('gives every pod longer to stop than SHUTDOWN_GRACE_SECONDS', () => {
      for (const pod of pods.filter((p) => p.owner.kind === 'Deployment')) {
        const grace = Number(environment(pod.spec.containers[0], objects).get('SHUTDOWN_GRACE_SECONDS')?.value ?? 25);
        expect([pod.owner.metadata.name, (pod.spec.terminationGracePeriodSeconds ?? 30) > grace]).toEqual([pod.owner.metadata.name, true]);
      }
    });

    it('runs every container as non-root, read-only, without privilege escalation or capabilities, under RuntimeDefault seccomp', () => {
      for (const pod of pods) {
        const podSecurity = pod.spec.securityContext as { runAsNonRoot?: boolean; runAsUser?: number; seccompProfile?: { type: string } };
        expect([pod.owner.metadata.name, podSecurity?.runAsNonRoot, podSecurity?.runAsUser !== 0, podSecurity?.seccompProfile?.type]).toEqual([
          pod.owner.metadata.name,
          true,
          true,
          'RuntimeDefault',
        ]);
        expect([pod.owner.metadata.name, pod.spec.automountServiceAccountToken]).toEqual([pod.owner.metadata.name, false]);
        for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
          const s = c.securityContext as { allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean; capabilities?: { drop?: string[] } };
          expect([c.name, s?.allowPrivilegeEscalation, s?.readOnlyRootFilesystem, s?.capabilities?.drop]).toEqual([c.name, false, true, ['ALL']]);
        }
      }
    });

    it('runs what the build produces: setup first, then each app its own main.js', () => {
      const built = builtScripts();
      for (const pod of pods.filter((p) => p.spec.containers.some(scriptOf))) {
        const app = component(pod.owner);
        const scripts = [...(pod.spec.initContainers ?? []), ...pod.spec.containers].map(scriptOf);
        const expected =
          app === 'migrate' ? [SETUP_SCRIPT] : app === 'sms-sandbox' ? [`dist/apps/${app}/src/main.js`] : [SETUP_SCRIPT, `dist/apps/${app}/src/main.js`];
        expect([app, scripts]).toEqual([app, expected]);
        for (const script of scripts) expect([script, built.has(script!)]).toEqual([script, true]);
      }
    });

    it('sets only variables the apps read, and takes secrets from keys of porchlight-secrets', () => {
      const anyApp = variablesReadByAnyApp();
      for (const map of byKind(objects, 'ConfigMap').filter((m) => m.metadata.name === 'porchlight-config')) {
        expect(Object.keys(map.data as object).filter((key) => !anyApp.has(key))).toEqual([]);
      }
      for (const pod of pods) {
        for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers].filter(scriptOf)) {
          const reads = variablesRead(scriptOf(c)!);
          const own = ((c.env as { name: string }[] | undefined) ?? []).map((e) => e.name);
          expect([pod.owner.metadata.name, c.name, own.filter((name) => !reads.has(name))]).toEqual([pod.owner.metadata.name, c.name, []]);
          for (const [name, value] of environment(c, objects)) {
            if (value.secret) expect([name, value.secret.name, secretKeys.has(value.secret.key)]).toEqual([name, 'porchlight-secrets', true]);
          }
        }
      }
    });

    it('gives each Deployment one owner of its replica count: its own field or one autoscaler', () => {
      const scalers = [...byKind(objects, 'ScaledObject'), ...byKind(objects, 'HorizontalPodAutoscaler')];
      for (const deployment of deployments) {
        const owners = scalers.filter((s) => (s.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name === deployment.metadata.name);
        const fixed = (deployment.spec as { replicas?: number }).replicas !== undefined;
        expect([deployment.metadata.name, owners.length]).toEqual([deployment.metadata.name, fixed ? 0 : 1]);
      }
    });

    it('scales each worker on the waiting and prioritised jobs of every queue it consumes, and the dispatcher not at all', () => {
      const prefix = (named(objects, 'ConfigMap', 'porchlight-config')!.data as Record<string, string>).QUEUE_PREFIX;
      for (const scaler of byKind(objects, 'ScaledObject')) {
        const app = component(scaler);
        const spec = scaler.spec as { triggers: { type: string; metadata: Record<string, string>; authenticationRef?: { name: string } }[] };
        const keys = spec.triggers.map((t) => t.metadata.listName).sort();
        expect([app, keys]).toEqual([
          app,
          queuesConsumedBy(app)
            .flatMap((q) => [`${prefix}:${q}:prioritized`, `${prefix}:${q}:wait`])
            .sort(),
        ]);
        for (const t of spec.triggers) {
          expect([t.type, Number(t.metadata.listLength) > 0, !!named(objects, 'TriggerAuthentication', t.authenticationRef?.name ?? '')]).toEqual([
            'redis',
            true,
            true,
          ]);
        }
      }
      if (overlay !== 'dev') expect(byKind(objects, 'ScaledObject').map(component).sort()).toEqual(['contacts', 'delivery', 'translation']);
      expect((named(objects, 'Deployment', 'porchlight-dispatcher')!.spec as { replicas: number }).replicas).toBeGreaterThanOrEqual(1);
    });

    it('points the Services and the Ingress at ports pods listen on, and PUBLIC_BASE_URL at the Ingress host', () => {
      for (const service of byKind(objects, 'Service')) {
        const spec = service.spec as { selector: Record<string, string>; ports: { targetPort: string }[] };
        const pod = pods.find((p) => selects(spec.selector, p.labels));
        const names = pod?.spec.containers.flatMap((c) => ((c.ports as Port[] | undefined) ?? []).map((p) => p.name)) ?? [];
        expect([service.metadata.name, spec.ports.every((p) => names.includes(p.targetPort))]).toEqual([service.metadata.name, true]);
      }
      const ingress = named(objects, 'Ingress', 'porchlight')!.spec as {
        tls: { hosts: string[] }[];
        rules: { host: string; http: { paths: { backend: { service: { name: string; port: { name: string } } } }[] } }[];
      };
      for (const { backend } of ingress.rules.flatMap((r) => r.http.paths)) {
        const service = named(objects, 'Service', backend.service.name)?.spec as { ports: { name: string }[] } | undefined;
        expect(service?.ports.map((p) => p.name)).toContain(backend.service.port.name);
      }
      const publicUrl = new URL((named(objects, 'ConfigMap', 'porchlight-config')!.data as Record<string, string>).PUBLIC_BASE_URL);
      if (publicUrl.protocol === 'https:') expect(ingress.tls.flatMap((t) => t.hosts)).toContain(publicUrl.host);
      else expect(overlay).toBe('dev');
    });
  });

  it('gives the dev Redis the settings of infra/redis/redis.conf', () => {
    const map = named(rendered.dev, 'ConfigMap', 'porchlight-redis')!.data as Record<string, string>;
    expect(map['redis.conf']).toBe(readFileSync(join(ROOT, 'infra/redis/redis.conf'), 'utf8'));
  });
});
