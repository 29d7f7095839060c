import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type { Ingress, RoutePlacement } from './ingress';
import { writeIngressFlows } from './ingress-flows';
import type { IngressLoadBalancer } from './ingress-load-balancer';
import { ingressReportRows } from './ingress-report';
import { addLoadBalancerCallRules, InternalLoadBalancerCalls } from './internal-load-balancer-calls';
import { admitListenerFlows, applicationListenerFlows } from './listener-flows';
import type { NamedPortPlacement } from './named-port-routes';
import { namedPortRouteName, routeNamedPort } from './named-port-routes';
import type { ServiceRouteInfo } from './service-route-info';
import { taskFamily } from '../flows/flow';
import type { NetworkFlows } from '../flows/network-flows';
import type { OpenedFlow } from '../flows/opened-flows';
import type { Capability } from '../lifecycle/capability';
import type { ServicePlan } from '../lifecycle/service-plan';
import { invalidProp } from '../private/validation';
import type { ReportRows } from '../report/report-rows';
import { loadBalancerLabels } from '../report/report-rows';
import { isCatchAll } from '../routing/router';
import type { RoutingOptions } from '../routing/routing-options';
import { attachRoute } from '../routing/service-route';
import { validateRouting } from '../routing/validate-routing';
import { TaskEgressMode } from '../segmentation/task-egress';
import type { NetworkContext } from '../services/network-context';
import type { NetworkService } from '../services/network-service';

/**
 * Ingress and routing: on each load balancer a route's access asks for, a target group, a listener
 * rule, the load balancer's way in, and the hosts' certificates and DNS records; the same for the
 * routed named ports.
 */
export class IngressCapability implements Capability {
  private readonly internalCalls: InternalLoadBalancerCalls;

  /** `open` opens flows through the lifecycle (`ServiceLifecycle.open`), which hands them back to `useOpenedFlows`. */
  constructor(private readonly network: NetworkContext, private readonly open: (flows: readonly OpenedFlow[]) => void) {
    this.internalCalls = new InternalLoadBalancerCalls(() => this.ingress?.loadBalancers ?? [], open);
  }

  private get ingress(): Ingress | undefined {
    return this.network.ingress;
  }

  /** Where the routes go on each load balancer (checked, nothing created). */
  public planService(plan: ServicePlan): void {
    const { name, options } = plan;
    plan.routes = options.routing ? this.planRoutes(name, options.routing, options.containerPort) : [];
    plan.namedPortRoutes = this.planNamedPortRoutes(plan);
    plan.takesDefaultAction = this.ingress !== undefined && options.routing !== undefined && isCatchAll(options.routing);
  }

  /** A routed service also carries the group that every load balancer sends to. */
  public modifyServiceProps(props: ecs.FargateServiceProps, _service: NetworkService, plan: ServicePlan): ecs.FargateServiceProps {
    if (!plan.options.routed || !this.ingress) return props;
    return { ...props, securityGroups: [...props.securityGroups ?? [], this.ingress.targets] };
  }

  public useService(service: NetworkService, plan: ServicePlan): void {
    service._parts.routes = plan.routes.map(placement => this.route(service, plan, placement));
    this.routeNamedPorts(service, plan.name, plan.namedPortRoutes);
  }

  /** One route on one load balancer; the capabilities that add to it (a test route) see it right after. */
  private route(service: NetworkService, plan: ServicePlan, placement: RoutePlacement): ServiceRouteInfo {
    const ingress = this.ingress!;
    const { name, options } = plan;
    const loadBalancer = ingress.loadBalancerFor(placement);
    const ids = ingress.idsFor(loadBalancer.access);
    const route = attachRoute(service, {
      serviceName: name,
      routing: options.routing!,
      containerPort: options.containerPort!,
      vpc: this.network.layout.vpc,
      service: service._service,
      loadBalancer,
      ids,
      ipv6Targets: this.network.layout.ipStack._ipv6OnlyTasks,
      prop: `${name}.routing`,
      securityGroup: service.securityGroup,
      // ECS traffic shifting needs a rule, also for a catch-all route
      asRule: plan.deployment!.shiftsTraffic,
    });
    const info = service.network._lifecycle.useRoute(service, {
      ids,
      info: { loadBalancer, access: loadBalancer.access, targetGroup: route.targetGroup, listenerRule: route.rule, priority: route.priority },
    }, plan);
    ingress.publish(loadBalancer, options.routing!);
    return info;
  }

  private planRoutes(name: string, routing: RoutingOptions, containerPort: number | undefined): RoutePlacement[] {
    if (!this.ingress) {
      throw invalidProp(`${name}.routing`, 'needs a load balancer, but the network has none (`loadBalancer.enabled` is false)', routing.pathPatterns,
        'Remove `routing` from the service, or enable the load balancer.');
    }
    if (containerPort === undefined) {
      throw invalidProp(`${name}.containerPort`, 'is required for a routed service', undefined, 'Set the port the container listens on.');
    }
    validateRouting(`${name}.routing`, routing);
    return this.ingress.plan(name, `${name}.routing`, routing);
  }

  /** Where the routes of the named ports that have `routing` go (checked like the main route, nothing created). */
  private planNamedPortRoutes(plan: ServicePlan): NamedPortPlacement[] {
    return plan.options.additionalPorts.flatMap((port, index) => {
      if (!port.routing) return [];
      const prop = `${plan.name}.additionalPorts[${index}].routing`;
      if (!this.ingress) {
        throw invalidProp(prop, 'needs a load balancer, but the network has none (`loadBalancer.enabled` is false)', port.routing.pathPatterns,
          'Remove `routing` from the port, or enable the load balancer.');
      }
      validateRouting(prop, port.routing);
      if (isCatchAll(port.routing)) {
        throw invalidProp(prop, 'must not take the listener\'s default action (`/*` alone with no other condition): that is the main port\'s', port.routing.pathPatterns,
          'Give the port a path such as `/admin/*` or a host header, or route the main `containerPort` at `/*`.');
      }
      return [{ port, index, placements: this.ingress!.plan(namedPortRouteName(plan.name, port.name), prop, port.routing) }];
    });
  }

  /** A service that declares `callsInternalLoadBalancer` reaches the internal load balancers (see `InternalLoadBalancerCalls`). */
  public useJoinedService(service: NetworkService): void {
    this.internalCalls.addService(service);
  }

  /** The first load balancers' listeners open their clients' flows. */
  public useNetwork(): void {
    this.ingress?.loadBalancers.forEach(lb => this.open(applicationListenerFlows(lb, `load balancer ${lb.name}`)));
  }

  /** A load balancer created for a route: its listeners open their clients' flows, and the declared calls reach it. */
  public useLoadBalancer(loadBalancer: IngressLoadBalancer): void {
    this.open(applicationListenerFlows(loadBalancer, `load balancer ${loadBalancer.name}`));
    this.internalCalls.addLoadBalancer(loadBalancer);
  }

  /** Each load balancer's security group admits the flows opened to it. */
  public useOpenedFlows(flows: readonly OpenedFlow[]): void {
    const loadBalancers = this.ingress?.loadBalancers ?? [];
    loadBalancers.forEach(lb => admitListenerFlows(lb, flows));
    addLoadBalancerCallRules(flows, loadBalancers.map(lb => lb.loadBalancer.connections.securityGroups[0]));
  }

  public validateNetwork(): string[] {
    return this.internalCalls.validate();
  }

  /** Routes the named ports that have `routing`, each with its own target group and rule on each load balancer of its access. */
  private routeNamedPorts(service: NetworkService, name: string, planned: NamedPortPlacement[]): void {
    for (const { port, index, placements } of planned) {
      const routes = placements.map(placement => routeNamedPort(service, port, index, placement, {
        serviceName: name,
        vpc: this.network.layout.vpc,
        service: service._service,
        securityGroup: service.securityGroup,
        ingress: this.ingress!,
      }));
      service.portTargetGroups[port.name] = routes[0].targetGroup;
      service._parts.portRoutes[port.name] = routes;
    }
  }

  public writeFlows(flows: NetworkFlows, services: NetworkService[]): void {
    const family = taskFamily(this.network.layout.ipStack._ipv6OnlyTasks);
    const { layout, taskEgress } = this.network;
    // the clients that are the VPC: the network's own tasks among them
    const fromVpc = taskEgress.mode === TaskEgressMode.LEAST_PRIVILEGE
      ? (clients: string) => clients.startsWith('the VPC') || clients === layout.cidrBlock : () => false;
    writeIngressFlows(flows, this.ingress?.loadBalancers ?? [], services, family, fromVpc);
    flows.add('calls', ...this.internalCalls.flows(loadBalancerLabels(this.ingress?.loadBalancers ?? []), family));
  }

  public reportRows(): ReportRows {
    return ingressReportRows(this.ingress?.loadBalancers ?? []);
  }
}
