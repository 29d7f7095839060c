import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type { Capability, PlacedRoute } from './capability';
import type { ServicePlan } from './service-plan';
import type { ServiceRegistry } from './service-registry';
import { NetworkFlows } from '../flows/network-flows';
import type { OpenedFlow } from '../flows/opened-flows';
import { unmetNeeds } from '../flows/unmet-needs';
import type { IngressLoadBalancer } from '../ingress/ingress-load-balancer';
import type { ServiceRouteInfo } from '../ingress/service-route-info';
import type { NetworkLoadBalancer } from '../network-load-balancers/network-load-balancer';
import type { ReportRows } from '../report/report-rows';
import type { NetworkService } from '../services/network-service';
import { parseCall } from '../services/ports';
import { resolveServiceOptions } from '../services/service-defaults';
import type { ServiceOptions } from '../services/service-options';
import { validateService } from '../services/service-rules';

/**
 * The one service lifecycle of a network: it calls the hooks of every capability, in the order of
 * the capability list, at each step of a service's life (see `Capability`). It runs no capability
 * code of its own.
 */
export class ServiceLifecycle {
  constructor(public readonly registry: ServiceRegistry, private readonly capabilities: Capability[]) {}

  /**
   * Plans a service: applies the defaults, checks every rule and reserves what the service needs,
   * creating nothing. Throws, and changes nothing, when the service cannot join the network.
   */
  public plan(name: string, given: ServiceOptions): ServicePlan {
    const options = resolveServiceOptions(name, given);
    validateService(name, options, given);
    const plan: ServicePlan = {
      name,
      given,
      options,
      routes: [],
      namedPortRoutes: [],
      networkListeners: [],
      takesDefaultAction: false,
      serviceConnectTls: false,
      calls: declaredCalls(options.connectsTo),
    };
    this.capabilities.forEach(c => c.planService?.(plan));
    this.registry.validateNames(name, options.discoveryName);
    return plan;
  }

  /** The plan `addService()` made for `name`, or a new one (a service constructed directly). */
  public planFor(name: string, given: ServiceOptions): ServicePlan {
    return this.registry.takePlan(name) ?? this.plan(name, given);
  }

  public useTaskDefinition(service: NetworkService, plan: ServicePlan): void {
    this.capabilities.forEach(c => c.useTaskDefinition?.(service, plan));
  }

  public modifyServiceProps(props: ecs.FargateServiceProps, service: NetworkService, plan: ServicePlan): ecs.FargateServiceProps {
    return this.capabilities.reduce((p, c) => c.modifyServiceProps?.(p, service, plan) ?? p, props);
  }

  public useService(service: NetworkService, plan: ServicePlan): void {
    this.capabilities.forEach(c => c.useService?.(service, plan));
  }

  /** Lets every capability add to a route placed just now; returns the route's info with their parts. */
  public useRoute(service: NetworkService, route: PlacedRoute, plan: ServicePlan): ServiceRouteInfo {
    return this.capabilities.reduce((info, c) => ({ ...info, ...c.useRoute?.(service, { ...route, info }, plan) }), route.info);
  }

  /**
   * Joins a built service to the network, once, at the end of its constructor: records it, lets the
   * capabilities see it, and resolves the calls declared to it (earlier) and from it.
   */
  public join(service: NetworkService, plan: ServicePlan): void {
    const waiting = this.registry.join(service);
    this.capabilities.forEach(c => c.useJoinedService?.(service));
    waiting.forEach(pending => pending.caller.connectTo(service));
    for (const callee of plan.calls.callees) {
      const target = this.registry.find(callee);
      if (target) service.connectTo(target);
      else this.registry.pendingCalls.push({ caller: service, callee });
    }
  }

  /** A declared call: `port` names a port of the callee's `additionalPorts`, or is undefined for its main port. */
  public connect(caller: NetworkService, callee: NetworkService, port: string | undefined): void {
    this.capabilities.forEach(c => c.connectToService?.(caller, callee, port));
  }

  /** The network's own resources exist, before any service and any Network Load Balancer. */
  public useNetwork(): void {
    this.capabilities.forEach(c => c.useNetwork?.());
  }

  public useLoadBalancer(loadBalancer: IngressLoadBalancer): void {
    this.capabilities.forEach(c => c.useLoadBalancer?.(loadBalancer));
  }

  public useNetworkLoadBalancer(loadBalancer: NetworkLoadBalancer): void {
    this.capabilities.forEach(c => c.useNetworkLoadBalancer?.(loadBalancer));
  }

  /**
   * Opens flows (all of one listener or call): every capability derives from them what it owns, in
   * the order of the capability list; the report lists them (`OpenedFlow.reported`).
   */
  public open(flows: readonly OpenedFlow[]): void {
    this.capabilities.forEach(c => c.useOpenedFlows?.(flows));
  }

  /**
   * The errors of the checks that need every service (for `node.addValidation`): calls to services
   * never added, flows the tasks need and no path carries, and each capability's.
   */
  public validateNetwork(): string[] {
    const flows = this.flows();
    return [...this.registry.unresolvedCalls(), ...unmetNeeds(flows), ...this.capabilities.flatMap(c => c.validateNetwork?.(flows) ?? [])];
  }

  /** The flows of the network as the capabilities write them, in the order of the capability list, once every service is added. */
  public flows(): NetworkFlows {
    const flows = new NetworkFlows();
    const services = this.registry.services;
    this.capabilities.forEach(c => c.writeFlows?.(flows, services));
    return flows;
  }

  /** What each capability gives the network report, in the order of the capability list. */
  public reportRows(): ReportRows[] {
    const services = this.registry.services;
    return this.capabilities.map(c => c.reportRows?.(services) ?? {});
  }
}

/** The callees of `connectsTo`, once each, and the named ports declared for each (`orders:admin`; `''`: the main port). */
function declaredCalls(connectsTo: string[]): ServicePlan['calls'] {
  const callees: string[] = [];
  const ports = new Map<string, Set<string>>();
  for (const entry of connectsTo) {
    const { service, port } = parseCall(entry);
    if (!callees.includes(service)) callees.push(service);
    ports.set(service, (ports.get(service) ?? new Set<string>()).add(port ?? ''));
  }
  return { callees, ports };
}
