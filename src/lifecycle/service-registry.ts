import type { Stack } from 'aws-cdk-lib';
import { NestedStack } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { ServicePlan } from './service-plan';
import { createLogsKey } from '../network/logs-key';
import { invalidProp } from '../private/validation';
import type { NetworkService } from '../services/network-service';
import type { ResolvedPlacement } from '../services/service-placement';
import { placementOf } from '../services/service-placement';

/** A call declared by name to a service that does not exist yet. */
export interface PendingCall {
  readonly caller: NetworkService;
  readonly callee: string;
}

/**
 * The one record of a network's services: their names and discovery names, the calls declared to
 * services not added yet, and which stack each service goes into. Planning reads it; a service is
 * written into it only once it is built.
 */
export class ServiceRegistry {
  /** The nested stacks of services, by number. */
  public readonly nestedStacks: NestedStack[] = [];
  /** The keys of the log groups of the services in each nested stack, when the network owns its key. */
  public readonly stackLogsKeys = new Map<Stack, kms.IKey>();
  public readonly pendingCalls: PendingCall[] = [];
  private readonly byName = new Map<string, NetworkService>();
  private readonly discoveryNames = new Map<string, string>();
  /** The plan `addService()` made, for the constructor it calls next. */
  private planned?: ServicePlan;

  constructor(private readonly network: Construct, private readonly placement: ResolvedPlacement, private readonly ownsLogsKey: boolean) {}

  /** The services, in the order they joined. */
  public get services(): NetworkService[] {
    return [...this.byName.values()];
  }

  public find(name: string): NetworkService | undefined {
    return this.byName.get(name);
  }

  /** Throws unless `name` is free. */
  public validateUniqueName(name: string): void {
    if (this.byName.has(name)) {
      throw invalidProp('name', 'names a service that the network has already', name, 'Give every service a unique name.');
    }
  }

  /** Throws unless the service's name and discovery name are free. */
  public validateNames(name: string, discoveryName?: string): void {
    this.validateUniqueName(name);
    const owner = discoveryName !== undefined ? this.discoveryNames.get(discoveryName) : undefined;
    if (owner !== undefined) {
      throw invalidProp(`${name}.discovery.discoveryName`, `is used by service \`${owner}\` already`, discoveryName,
        'Give every service a unique discovery name.');
    }
  }

  /** Keeps a plan for the service that is about to be built. */
  public keepPlan(plan: ServicePlan): void {
    this.planned = plan;
  }

  /** The plan kept for `name` (once), if any. */
  public takePlan(name: string): ServicePlan | undefined {
    const plan = this.planned?.name === name ? this.planned : undefined;
    this.planned = undefined;
    return plan;
  }

  /**
   * The scope of a planned service: the network, or the nested stack it goes into (created when new).
   * A function of the service alone: see `placementOf`.
   */
  public scopeFor(name: string, takesDefaultAction: boolean, nestedStack: number | undefined): Construct {
    const number = placementOf(name, takesDefaultAction, nestedStack, this.placement);
    if (number === undefined) return this.network;
    const id = `ServiceStack${number}`;
    const existing = this.nestedStacks.find(s => s.node.id === id);
    if (existing) return existing;
    const created = new NestedStack(this.network, id, {
      description: `ecs-advanced-network ${this.network.node.path}: services, group ${number}`,
    });
    this.nestedStacks.push(created);
    this.nestedStacks.sort((x, y) => stackNumber(x) - stackNumber(y));
    // A key of the stack's own: a key of the parent stack would reach the log groups as a stack
    // parameter, which Control Tower's CT.CLOUDWATCH.PR.3 cannot tell from no key at all.
    if (this.ownsLogsKey) this.stackLogsKeys.set(created, createLogsKey(created));
    return created;
  }

  /** Records a built service; returns the calls that were declared to it, now resolvable. */
  public join(service: NetworkService): PendingCall[] {
    const waiting = this.pendingCalls.filter(c => c.callee === service.serviceName);
    this.byName.set(service.serviceName, service);
    if (service.discoveryName !== undefined) this.discoveryNames.set(service.discoveryName, service.serviceName);
    waiting.forEach(c => this.pendingCalls.splice(this.pendingCalls.indexOf(c), 1));
    return waiting;
  }

  /** The errors of calls declared to services that never joined. */
  public unresolvedCalls(): string[] {
    return this.pendingCalls.map(c => `\`${c.caller.serviceName}.connectsTo\` names \`${c.callee}\`, which is not a service of this network, got: ${JSON.stringify(c.callee)}. Add the service, or remove it from \`connectsTo\`.`);
  }
}

function stackNumber(stack: NestedStack): number {
  return Number(stack.node.id.replace('ServiceStack', ''));
}
