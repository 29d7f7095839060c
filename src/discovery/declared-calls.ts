import { NestedStack, Stack } from 'aws-cdk-lib';
import type { Construct, IConstruct } from 'constructs';
import type { Discovery } from './discovery';
import { DiscoveryMode } from './discovery';
import type { Flow } from '../flows/flow';
import type { OpenedFlow } from '../flows/opened-flows';
import { securityGroupDescription } from '../private/aws-values/descriptions';
import { invalidProp } from '../private/validation';
import type { NetworkService } from '../services/network-service';

/** What a call is checked against: a service, or one that is about to be built (`NetworkService` is one). */
export interface CallParty {
  readonly serviceName: string;
  readonly network: IConstruct;
  readonly containerPort?: number;
  readonly discovery: Discovery;
}

/** Throws unless `caller` may declare a call to `callee`: another service of its network, with a port and discovery. */
export function validateCall(caller: CallParty, callee: CallParty): void {
  const prop = `${caller.serviceName}.connectsTo`;
  if (callee.serviceName === caller.serviceName && callee.network === caller.network) {
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
 * in the network's stack they would grow it by two resources per call; so they go into nested stacks of
 * their own, one for each callee stack (`CallsToServiceStack3`, `CallsToNetworkStack`), which read the
 * groups of both sides and on which no service stack depends: at most one per service stack, where one
 * per pair of stacks would be up to n² nested stacks in the network's stack. A service never changes
 * stack, so a call's rules never move from one template to another (a moved rule would be created
 * before the old one is deleted, and EC2 refuses the duplicate).
 */
export class CrossStackCallRules {
  constructor(private readonly network: Construct) {}

  /** The scope of the rules of a call to `callee` from a service of another stack. */
  public scopeFor(callee: IConstruct): Construct {
    const id = `CallsTo${this.label(Stack.of(callee))}`;
    return (this.network.node.tryFindChild(id) as Construct | undefined) ?? new NestedStack(this.network, id, {
      description: `ecs-advanced-network ${this.network.node.path}: declared calls to the services of ${this.label(Stack.of(callee))} from other stacks`,
    });
  }

  private label(stack: Stack): string {
    return stack === Stack.of(this.network) ? 'NetworkStack' : stack.node.id;
  }
}

/**
 * The flow of a declared call to one port of the callee (its main port unless `namedPort` is given),
 * as it is opened: the callee's group admits the caller's group on that port (the rules are derived
 * from it, `src/segmentation/call-rules.ts`).
 */
export function openedCallFlow(caller: NetworkService, callee: NetworkService, flow: Flow, namedPort?: { name: string }): OpenedFlow {
  return {
    flow,
    clients: caller.securityGroup,
    admittedBy: callee.securityGroup,
    ruleDescription: securityGroupDescription(`From ${caller.serviceName} to ${callee.serviceName}${namedPort ? ` port ${namedPort.name}` : ''}: declared call`),
    ruleId: `${caller.serviceName}-to-${callee.serviceName}${namedPort ? `-${namedPort.name}` : ''}`,
    openedBy: { construct: caller, prop: `${caller.serviceName}.connectsTo` },
    reported: false,
  };
}
