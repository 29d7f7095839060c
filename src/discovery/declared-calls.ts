import { NestedStack, Stack } from 'aws-cdk-lib';
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
 * The rules of declared calls between services of different stacks. In the callee's stack they would
 * make two nested stacks whose services call each other depend on each other's outputs (a cycle), and
 * in the network's stack they would grow it by one resource per call; so they go into nested stacks of
 * their own, which read the groups of both sides and on which no service stack depends. Each holds at
 * most `RULES_PER_CALL_STACK` rules (two parameters each, within the 200 parameters of a template), in
 * the order the calls are declared, so a new call never moves an existing rule.
 */
export class CrossStackCallRules {
  private count = 0;
  private readonly stacks: NestedStack[] = [];

  constructor(private readonly network: Construct) {}

  /** The scope of the next rule. */
  public next(): Construct {
    const index = Math.floor(this.count++ / RULES_PER_CALL_STACK);
    this.stacks[index] ??= new NestedStack(this.network, `CrossStackCalls${index + 1}`, {
      description: `ecs-advanced-network ${this.network.node.path}: declared calls between service stacks, group ${index + 1}`,
    });
    return this.stacks[index];
  }
}

/** Rules per nested stack of cross-stack calls: each reads at most two group ids, and a template takes 200 parameters. */
export const RULES_PER_CALL_STACK = 90;

/** Opens exactly the callee's port to the caller's security group. */
export function allowCall(caller: NetworkService, callee: NetworkService, crossStack: CrossStackCallRules): void {
  const port = callee.containerPort!;
  const description = `From ${caller.serviceName} to ${callee.serviceName}: declared call`;
  if (Stack.of(caller) === Stack.of(callee)) {
    callee.connections.allowFrom(caller.connections, ec2.Port.tcp(port), description);
    return;
  }
  const scope = crossStack.next();
  new ec2.CfnSecurityGroupIngress(scope, `${caller.serviceName}-to-${callee.serviceName}`, {
    groupId: callee.securityGroup.securityGroupId,
    sourceSecurityGroupId: caller.securityGroup.securityGroupId,
    ipProtocol: 'tcp',
    fromPort: port,
    toPort: port,
    description,
  });
  // with least-privilege egress the caller's group lets out only what it declared: this call too
  if (!caller.securityGroup.allowAllOutbound) {
    new ec2.CfnSecurityGroupEgress(scope, `${caller.serviceName}-to-${callee.serviceName}-out`, {
      groupId: caller.securityGroup.securityGroupId,
      destinationSecurityGroupId: callee.securityGroup.securityGroupId,
      ipProtocol: 'tcp',
      fromPort: port,
      toPort: port,
      description,
    });
  }
}
