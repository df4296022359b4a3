import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/** A Kubernetes object as read from YAML; the specs narrow it where they need to. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

/**
 * The part of kustomize our overlays use, rendered in-process so the specs can check what
 * `kubectl apply -k` would send: `resources` (files and directories), `namespace`, `images`, and
 * `patches` that are either RFC 6902 JSON patches or `$patch: delete`, each with a `target` of kind
 * and name (a regular expression, as in kustomize). Anything else in a kustomization, a target or
 * a patch is refused rather than ignored, so an overlay cannot use what this does not render.
 */
export function kustomize(dir: string): K8sObject[] {
  const file = join(dir, 'kustomization.yaml');
  const spec = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  refuseUnknown(file, spec, ['apiVersion', 'kind', 'namespace', 'resources', 'patches', 'images']);
  let objects: K8sObject[] = [];
  for (const entry of (spec.resources as string[] | undefined) ?? []) {
    const path = resolve(dir, entry);
    objects.push(...(statSync(path).isDirectory() ? kustomize(path) : readObjects(path)));
  }
  for (const patch of (spec.patches as PatchEntry[] | undefined) ?? []) objects = applyPatch(objects, patch, dir, file);
  for (const image of (spec.images as ImageEntry[] | undefined) ?? []) setImage(objects, image, file);
  if (typeof spec.namespace === 'string') {
    for (const object of objects) if (!CLUSTER_SCOPED.has(object.kind)) object.metadata.namespace = spec.namespace;
  }
  const ids = objects.map((o) => `${o.kind}/${o.metadata.name}`);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length > 0) throw new Error(`${file}: ${twice.join(', ')} defined more than once`);
  return objects;
}

/** Every document of a YAML file, refusing syntax errors and documents that are not objects. */
export function readObjects(path: string): K8sObject[] {
  const docs = parseAllDocuments(readFileSync(path, 'utf8'));
  return docs.map((doc, i) => {
    if (doc.errors.length > 0) throw new Error(`${path}, document ${i + 1}: ${doc.errors[0].message}`);
    const object = doc.toJS() as K8sObject | null;
    if (!object?.kind || !object.metadata?.name) throw new Error(`${path}, document ${i + 1}: not a named Kubernetes object`);
    return object;
  });
}

const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'ClusterTriggerAuthentication', 'PriorityClass', 'StorageClass']);

interface PatchEntry {
  target?: { kind?: string; name?: string };
  patch?: string;
  path?: string;
}

interface ImageEntry {
  name: string;
  newName?: string;
  newTag?: string;
}

type JsonOp = { op: 'add' | 'replace' | 'remove' | 'test'; path: string; value?: unknown };

function refuseUnknown(where: string, value: object, known: string[]): void {
  const unknown = Object.keys(value).filter((key) => !known.includes(key));
  if (unknown.length > 0) throw new Error(`${where}: ${unknown.join(', ')} is not rendered by infra/k8s/kustomize.ts`);
}

function applyPatch(objects: K8sObject[], entry: PatchEntry, dir: string, file: string): K8sObject[] {
  refuseUnknown(`${file} patch`, entry, ['target', 'patch', 'path']);
  const target = entry.target;
  if (!target?.kind) throw new Error(`${file}: every patch needs a target with a kind`);
  refuseUnknown(`${file} patch target`, target, ['kind', 'name']);
  const nameMatches = new RegExp(`^(?:${target.name ?? '.*'})$`);
  const matched = objects.filter((o) => o.kind === target.kind && nameMatches.test(o.metadata.name));
  if (matched.length === 0) throw new Error(`${file}: the patch target ${target.kind} ${target.name ?? '*'} matches nothing`);
  const body = parse(entry.patch ?? readFileSync(resolve(dir, entry.path ?? ''), 'utf8')) as unknown;
  if (Array.isArray(body)) {
    for (const object of matched) for (const op of body as JsonOp[]) applyJsonOp(object, op, `${file} (${object.kind} ${object.metadata.name})`);
    return objects;
  }
  if (body && typeof body === 'object' && (body as Record<string, unknown>)['$patch'] === 'delete') {
    return objects.filter((o) => !matched.includes(o));
  }
  throw new Error(`${file}: only JSON patches and "$patch: delete" are rendered here`);
}

/** RFC 6902 add, replace, remove and test, on JSON pointers (RFC 6901). */
function applyJsonOp(root: K8sObject, op: JsonOp, where: string): void {
  const keys = op.path
    .split('/')
    .slice(1)
    .map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = keys.pop();
  if (last === undefined) throw new Error(`${where}: ${op.op} of the whole object`);
  let parent: unknown = root;
  for (const key of keys) {
    parent = (parent as Record<string, unknown> | undefined)?.[key];
    if (parent === undefined || parent === null || typeof parent !== 'object') throw new Error(`${where}: ${op.path} does not exist`);
  }
  const list = Array.isArray(parent) ? (parent as unknown[]) : undefined;
  const map = parent as Record<string, unknown>;
  const index = list ? (last === '-' ? list.length : Number(last)) : -1;
  const exists = list ? Number.isInteger(index) && index >= 0 && index < list.length : last in map;
  switch (op.op) {
    case 'add':
      if (list) list.splice(index, 0, op.value);
      else map[last] = op.value;
      return;
    case 'replace':
    case 'remove':
      if (!exists) throw new Error(`${where}: ${op.path} does not exist`);
      if (op.op === 'remove') {
        if (list) list.splice(index, 1);
        else Reflect.deleteProperty(map, last);
      } else if (list) list[index] = op.value;
      else map[last] = op.value;
      return;
    case 'test':
      if (JSON.stringify(list ? list[index] : map[last]) !== JSON.stringify(op.value)) throw new Error(`${where}: test of ${op.path} failed`);
      return;
    default:
      throw new Error(`${where}: the JSON patch op ${String((op as { op: unknown }).op)} is not rendered here`);
  }
}

/** kustomize's image transformer: a container image named `name` takes `newName` and `newTag`. */
function setImage(objects: K8sObject[], entry: ImageEntry, file: string): void {
  refuseUnknown(`${file} image`, entry, ['name', 'newName', 'newTag']);
  for (const container of podContainers(objects)) {
    const { name, tag } = splitImage(container.image);
    if (name !== entry.name) continue;
    const newTag = entry.newTag ?? tag;
    container.image = `${entry.newName ?? name}${newTag ? `:${newTag}` : ''}`;
  }
}

function splitImage(image: string): { name: string; tag?: string } {
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? { name: image.slice(0, colon), tag: image.slice(colon + 1) } : { name: image };
}

export interface Container {
  name: string;
  image: string;
  [field: string]: unknown;
}

/** Containers and init containers of every pod template (Deployments, StatefulSets, Jobs). */
export function podContainers(objects: K8sObject[]): Container[] {
  return objects.flatMap((object) => {
    const pod = (object.spec as { template?: { spec?: { containers?: Container[]; initContainers?: Container[] } } } | undefined)?.template?.spec;
    return [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])];
  });
}
