import { Stack, Token } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import { DNS_LABEL, invalidProp, reserveUniqueName } from '../private/validation';

/** ECS cluster names: up to 255 letters, digits, hyphens and underscores (CreateCluster). */
export function validateClusterName(name: string | undefined): void {
  if (name === undefined || Token.isUnresolved(name) || /^[A-Za-z0-9_-]{1,255}$/.test(name)) return;
  throw invalidProp('clusterName', 'must have 1 to 255 letters, digits, hyphens and underscores (what ECS accepts)', name,
    'Use a name such as `shop-production`.');
}

/** One VPC cannot hold two private DNS namespaces of one name. */
export function reserveNamespace(network: Construct, vpc: ec2.IVpc, name: string): void {
  // Vpc.fromLookup() returns this placeholder until the CLI has looked the VPC up: no clash to see yet
  if (vpc.vpcId === 'vpc-12345') return;
  const stack = Stack.of(network);
  const owner = reserveUniqueName(network, 'namespace in VPC', `${stack.account}|${stack.region}|${vpc.vpcId}|${name}`, network.node.path);
  if (owner !== undefined) {
    throw invalidProp('namespaceName', `is the namespace of network \`${owner}\` in the same VPC already, and a VPC cannot hold two private DNS namespaces of one name`,
      name, 'Give each network in the VPC its own `namespaceName`.');
  }
}

export function validateNamespaceName(name: string): void {
  const labels = name.split('.');
  if (name.length > 253 || !labels.every(l => DNS_LABEL.test(l))) {
    throw invalidProp('namespaceName', 'must be a DNS name: dot-separated labels of lower-case letters, digits and hyphens', name,
      'Use a name such as `shop.internal`.');
  }
}
