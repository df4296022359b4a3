import { dirname, join } from 'node:path';
import ts from 'typescript';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject';
import { TriggerAuthentication } from '@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication';
import { K8sObject } from './kustomize';

interface Model {
  /** Where the model lives, for the type check in `unknownFieldProblems`. */
  module: string;
  Model: new (data: never) => { validate(): void };
}

/**
 * The model of each kind the manifests use: `kubernetes-models` for Kubernetes' own kinds (its
 * `validate()` checks an object against the API's OpenAPI schema: types, required fields, enums),
 * `@kubernetes-models/keda` for KEDA's. A kind missing here fails the spec: add its model.
 */
const MODELS: Record<string, Model | undefined> = {
  'v1/Namespace': { module: 'kubernetes-models/v1/Namespace', Model: Namespace },
  'v1/ServiceAccount': { module: 'kubernetes-models/v1/ServiceAccount', Model: ServiceAccount },
  'v1/ConfigMap': { module: 'kubernetes-models/v1/ConfigMap', Model: ConfigMap },
  'v1/Secret': { module: 'kubernetes-models/v1/Secret', Model: Secret },
  'v1/Service': { module: 'kubernetes-models/v1/Service', Model: Service },
  'apps/v1/Deployment': { module: 'kubernetes-models/apps/v1/Deployment', Model: Deployment },
  'apps/v1/StatefulSet': { module: 'kubernetes-models/apps/v1/StatefulSet', Model: StatefulSet },
  'batch/v1/Job': { module: 'kubernetes-models/batch/v1/Job', Model: Job },
  'policy/v1/PodDisruptionBudget': { module: 'kubernetes-models/policy/v1/PodDisruptionBudget', Model: PodDisruptionBudget },
  'autoscaling/v2/HorizontalPodAutoscaler': { module: 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler', Model: HorizontalPodAutoscaler },
  'networking.k8s.io/v1/Ingress': { module: 'kubernetes-models/networking.k8s.io/v1/Ingress', Model: Ingress },
  'keda.sh/v1alpha1/ScaledObject': { module: '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject', Model: ScaledObject },
  'keda.sh/v1alpha1/TriggerAuthentication': { module: '@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication', Model: TriggerAuthentication },
};

export interface Labelled {
  /** Where the object comes from, for messages: a file or an overlay. */
  source: string;
  object: K8sObject;
}

const label = ({ source, object }: Labelled) => `${source}: ${object.kind} ${object.metadata.name}`;

/** Problems `validate()` of each object's model finds (an empty list when all are valid). */
export function schemaProblems(objects: Labelled[]): string[] {
  return objects.flatMap((entry) => {
    const model = MODELS[`${entry.object.apiVersion}/${entry.object.kind}`];
    if (!model) return [`${label(entry)}: no model for ${entry.object.apiVersion} ${entry.object.kind}`];
    const Model = model.Model as new (data: unknown) => { validate(): void };
    try {
      new Model(entry.object).validate();
      return [];
    } catch (error) {
      return [`${label(entry)}: ${(error as Error).message}`];
    }
  });
}

/**
 * The schemas accept fields they do not know, as an API server without strict validation would
 * (and then drops them): a misspelt `livenessProbes` would pass. So each object is also
 * type-checked as an object literal of its model's interface (`IDeployment`, …), where TypeScript
 * refuses every property the Kubernetes API does not define, at any depth — what
 * `kubectl apply --validate=strict` does.
 */
export function unknownFieldProblems(objects: Labelled[]): string[] {
  const root = join(__dirname, '..', '..');
  const file = join(__dirname, '__manifests__.ts');
  const lines: string[] = [];
  const owners: { line: number; entry: Labelled }[] = [];
  objects.forEach((entry, i) => {
    const module = MODELS[`${entry.object.apiVersion}/${entry.object.kind}`]?.module;
    if (!module) return;
    owners.push({ line: lines.length, entry });
    lines.push(`import type { I${entry.object.kind} as T${i} } from '${module}';`);
    lines.push(`export const object${i}: T${i} = ${JSON.stringify(entry.object, null, 1)};`.replace(/\n/g, ' '));
  });
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    types: [],
    baseUrl: root,
  };
  const host = ts.createCompilerHost(options);
  const source = ts.createSourceFile(file, lines.join('\n'), ts.ScriptTarget.ES2022, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, ...rest) => (name === file ? source : getSourceFile(name, ...rest));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  host.getCurrentDirectory = () => dirname(file);
  const program = ts.createProgram([file], options, host);
  return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((diagnostic) => {
    const line = diagnostic.start === undefined ? 0 : source.getLineAndCharacterOfPosition(diagnostic.start).line;
    const owner = [...owners].reverse().find((o) => o.line <= line);
    return `${owner ? label(owner.entry) : file}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
  });
}
