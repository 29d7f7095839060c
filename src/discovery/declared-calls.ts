import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { DiscoveryMode } from './discovery';
import { invalidProp } from '../private/validation';
import type { NetworkService } from '../services/network-service';

/** Throws unless `caller` may declare a call to `callee`: another service of its network, with a port and discovery. */
export function validateCall(caller: NetworkService, callee: NetworkService): void {
  const prop = `${caller.serviceName}.connectsTo`;
  if (callee === caller) {
    throw invalidProp(prop, 'must not name the service itself', callee.serviceName, 'A task reaches itself on localhost; remove the entry.');
  }
  if (callee.network !== caller.network) {
    throw invalidProp(prop, 'must name a service of the same network', `${callee.serviceName} of ${callee.network.node.path}`,
      'Services of different networks do not share security groups or a namespace: add the callee to this network.');
  }
  if (callee.containerPort === undefined) {
    throw invalidProp(prop, `names \`${callee.serviceName}\`, which exposes no port`, callee.serviceName,
      `Give \`${callee.serviceName}\` a \`containerPort\`.`);
  }
  if (callee.discovery.mode === DiscoveryMode.NONE) {
    throw invalidProp(prop, `names \`${callee.serviceName}\`, which has \`Discovery.none()\` and cannot be found by name`, callee.serviceName,
      `Give \`${callee.serviceName}\` \`Discovery.serviceConnect()\` or \`Discovery.cloudMap()\`.`);
  }
}

/**
 * Opens exactly the callee's port to the caller's security group. Across stacks the rule goes into
 * `crossStackScope`, in the network's own stack: in the callee's stack it would make two nested
 * stacks whose services call each other depend on each other's outputs (a cycle).
 */
export function allowCall(caller: NetworkService, callee: NetworkService, crossStackScope: Construct): void {
  const port = callee.containerPort!;
  const description = `From ${caller.serviceName} to ${callee.serviceName}: declared call`;
  if (Stack.of(caller) === Stack.of(callee)) {
    callee.connections.allowFrom(caller.connections, ec2.Port.tcp(port), description);
    return;
  }
  new ec2.CfnSecurityGroupIngress(crossStackScope, `${caller.serviceName}-to-${callee.serviceName}`, {
    groupId: callee.securityGroup.securityGroupId,
    sourceSecurityGroupId: caller.securityGroup.securityGroupId,
    ipProtocol: 'tcp',
    fromPort: port,
    toPort: port,
    description,
  });
}
