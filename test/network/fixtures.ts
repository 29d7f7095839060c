import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { EcsAdvancedNetwork, EcsAdvancedNetworkProps } from '../../src';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const THREE_AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

/** An environment-agnostic stack (CDK gives it two dummy Availability Zones). */
export function agnosticStack(): Stack {
  return new Stack(new App(), 'S');
}

/** A stack in a concrete environment whose Availability Zones come from context (no lookup). */
export function envStack(azs: string[] = THREE_AZS): Stack {
  const app = new App({ context: { [`availability-zones:account=${ACCOUNT}:region=${REGION}`]: azs } });
  return new Stack(app, 'S', { env: { account: ACCOUNT, region: REGION } });
}

/** A network and the template of its stack. */
export interface SynthResult {
  readonly stack: Stack;
  readonly network: EcsAdvancedNetwork;
  readonly template: Template;
}

/** Synthesizes a network with these props in a fresh agnostic stack. */
export function synth(props: EcsAdvancedNetworkProps = {}, stack: Stack = agnosticStack()): SynthResult {
  const network = new EcsAdvancedNetwork(stack, 'Network', props);
  return { stack, network, template: Template.fromStack(stack) };
}

/** The values of the `aws-cdk:subnet-type` tag of every subnet, in template order. */
export function subnetTypes(template: Template): string[] {
  return Object.values(template.findResources('AWS::EC2::Subnet')).map(r =>
    (r.Properties.Tags as { Key: string; Value: string }[]).find(t => t.Key === 'aws-cdk:subnet-type')!.Value);
}

/** The CIDR block of every subnet, in template order. */
export function subnetCidrs(template: Template): string[] {
  return Object.values(template.findResources('AWS::EC2::Subnet')).map(r => r.Properties.CidrBlock as string);
}

/** The `ServiceName` suffix (`ecr.api`, `s3`...) of every VPC endpoint of a type. */
export function endpointServices(template: Template, type: 'Interface' | 'Gateway'): string[] {
  return Object.values(template.findResources('AWS::EC2::VPCEndpoint', { Properties: { VpcEndpointType: type } }))
    .map(r => {
      const name = r.Properties.ServiceName;
      if (typeof name === 'string') return name.replace(/^com\.amazonaws\.[a-z0-9-]+\./, '');
      const parts: unknown[] = name['Fn::Join'][1];
      return (parts[parts.length - 1] as string).replace(/^\./, '');
    })
    .sort();
}

/** Attributes of an imported VPC in us-east-1 with two AZs; tiers left out are absent. */
export interface ImportedTiers {
  readonly azs?: string[];
  readonly publicSubnets?: number;
  readonly privateSubnets?: number;
  readonly isolatedSubnets?: number;
}

/** Imports a VPC with concrete AZs and subnet ids, one subnet per AZ per tier. */
export function importVpc(stack: Stack, tiers: ImportedTiers = { publicSubnets: 2, privateSubnets: 2 }): ec2.IVpc {
  const azs = tiers.azs ?? ['us-east-1a', 'us-east-1b'];
  const ids = (tier: string, n = 0) => Array.from({ length: n }, (_, i) => `subnet-${tier}${i + 1}`);
  const pub = ids('pub', tiers.publicSubnets);
  const priv = ids('priv', tiers.privateSubnets);
  const iso = ids('iso', tiers.isolatedSubnets);
  return ec2.Vpc.fromVpcAttributes(stack, 'Imported', {
    vpcId: 'vpc-12345678',
    vpcCidrBlock: '10.1.0.0/16',
    availabilityZones: azs.slice(0, Math.max(pub.length, priv.length, iso.length)),
    publicSubnetIds: pub.length ? pub : undefined,
    privateSubnetIds: priv.length ? priv : undefined,
    isolatedSubnetIds: iso.length ? iso : undefined,
    publicSubnetRouteTableIds: pub.length ? pub.map(id => id.replace('subnet-', 'rtb-')) : undefined,
    privateSubnetRouteTableIds: priv.length ? priv.map(id => id.replace('subnet-', 'rtb-')) : undefined,
    isolatedSubnetRouteTableIds: iso.length ? iso.map(id => id.replace('subnet-', 'rtb-')) : undefined,
  });
}
