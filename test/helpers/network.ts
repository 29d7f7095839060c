import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnElement, Environment, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { IConstruct } from 'constructs';
import { EcsAdvancedNetwork, EcsAdvancedNetworkProps, NetworkService } from '../../src';

/** A public image, so that nothing needs Docker. */
export const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable');

/**
 * Any warning but the network's reminder to set `user` (test/services/hardening.test.ts covers it): for
 * `hasNoWarning` in tests about other warnings, whose services use `IMAGE`, which runs as root.
 */
export const ANY_WARNING_BUT_CONTAINER_USER = Match.not(Match.stringLikeRegexp('ecs-advanced-network:containerUser'));

/** A new stack in a new app, environment-agnostic unless `env` is given. */
export function newStack(env?: Environment): Stack {
  return new Stack(new App(), 'Stack', { env });
}

/** A network called `Network` in a new stack. */
export function newNetwork(props: EcsAdvancedNetworkProps = {}, stack: Stack = newStack()): { stack: Stack; network: EcsAdvancedNetwork } {
  return { stack, network: new EcsAdvancedNetwork(stack, 'Network', props) };
}

/** The logical id of the L1 behind `construct` (or of `construct` itself). */
export function logicalId(construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(construct).getLogicalId(element);
}

/** The properties of the L1 behind `construct` in `template`. */
export function propsOf(template: Template, construct: IConstruct): any {
  return template.toJSON().Resources[logicalId(construct)].Properties;
}

/** The properties of the ECS service of `service`. */
export function serviceProps(template: Template, service: NetworkService): any {
  return propsOf(template, service.service);
}

/** The only container definition of `service`'s task definition. */
export function containerOf(template: Template, service: NetworkService): any {
  const defs = propsOf(template, service.taskDefinition).ContainerDefinitions;
  expect(defs).toHaveLength(1);
  return defs[0];
}

/** `{ 'Fn::GetAtt': [<sg>, 'GroupId'] }` for a security group of the stack. */
export function groupIdOf(sg: ec2.ISecurityGroup): any {
  return { 'Fn::GetAtt': [logicalId(sg), 'GroupId'] };
}

/** The standalone ingress rules whose target is `sg`. */
export function ingressRulesOf(template: Template, sg: ec2.ISecurityGroup): any[] {
  const target = JSON.stringify(groupIdOf(sg));
  return Object.values(template.findResources('AWS::EC2::SecurityGroupIngress'))
    .map(r => r.Properties)
    .filter(p => JSON.stringify(p.GroupId) === target);
}

/** The standalone egress rules of `sg`. */
export function egressRulesOf(template: Template, sg: ec2.ISecurityGroup): any[] {
  const source = JSON.stringify(groupIdOf(sg));
  return Object.values(template.findResources('AWS::EC2::SecurityGroupEgress'))
    .map(r => r.Properties)
    .filter(p => JSON.stringify(p.GroupId) === source);
}

/** The properties of every resource of `type`. */
export function allProps(template: Template, type: string): any[] {
  return Object.values(template.findResources(type)).map(r => r.Properties);
}

/**
 * A path for a network's `assignmentsFile` in a new temporary directory: networks of around a hundred
 * routes on one load balancer, or of more hosts than one load balancer takes, record their choices.
 */
export function tempAssignmentsFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'assignments-')), 'ecs-advanced-network.json');
}

/**
 * Writes a network's `assignmentsFile` as synthesis would, without synthesizing: the next network
 * built with the same file reads what this one assigned, as the next deploy would.
 */
export function saveAssignments<T extends IConstruct>(network: T): T {
  const book = network.node.tryFindChild('AssignmentsFile') as any;
  book?.[Symbol.for('@aws-cdk/core:customSynthesis')]?.onSynthesize({});
  return network;
}

/**
 * The properties of every resource of `type` in `stack` and in its nested stacks (one level), read
 * from one synthesis; in a nested template a parameter is replaced by what the parent passes to it, so
 * that references compare as they would in the parent.
 */
export function resourcesDeep(stack: Stack, type: string): any[] {
  const assembly = Stage.of(stack)!.synth({ force: true });
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(assembly.directory, file), 'utf8'));
  const parent = read(stack.templateFile);
  const ofType = (t: any) => Object.values(t.Resources ?? {}).filter((r: any) => r.Type === type).map((r: any) => r.Properties);
  const found = ofType(parent);
  for (const nested of stack.node.findAll().filter((c): c is NestedStack => c instanceof NestedStack && c.nestedStackParent === stack)) {
    const params = parent.Resources[stack.getLogicalId(nested.nestedStackResource as CfnElement)].Properties.Parameters ?? {};
    const substitute = (v: any): any => {
      if (Array.isArray(v)) return v.map(substitute);
      if (v && typeof v === 'object') {
        if (typeof v.Ref === 'string' && v.Ref in params) return params[v.Ref];
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substitute(x)]));
      }
      return v;
    };
    found.push(...ofType(read(nested.templateFile)).map(substitute));
  }
  return found;
}
