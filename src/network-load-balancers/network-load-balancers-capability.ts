import { admitOpenedFlows } from './listener-flows';
import { writeNetworkLoadBalancerFlows } from './network-load-balancer-flows';
import { networkLoadBalancerReportRows } from './network-load-balancers-report';
import { attachNetworkListener, planNetworkListeners } from './service-listener';
import type { NetworkFlows } from '../flows/network-flows';
import type { OpenedFlow } from '../flows/opened-flows';
import type { Capability } from '../lifecycle/capability';
import type { ServicePlan } from '../lifecycle/service-plan';
import { invalidProp } from '../private/validation';
import type { ReportRows } from '../report/report-rows';
import type { NetworkContext } from '../services/network-context';
import type { NetworkService } from '../services/network-service';

/** Network Load Balancers (TCP, UDP, TLS): the listeners that forward to a service (`networkListeners`). */
export class NetworkLoadBalancersCapability implements Capability {
  /** The flows opened to the Network Load Balancers' listeners, in the order they were opened: the report lists them. */
  private readonly opened: OpenedFlow[] = [];

  /** `open` opens flows through the lifecycle (`ServiceLifecycle.open`), which hands them back to `useOpenedFlows`. */
  constructor(private readonly network: NetworkContext, private readonly open: (flows: readonly OpenedFlow[]) => void) {}

  /** Where each listener goes; ECS registers a service with 5 target groups at most, routes included. */
  public planService(plan: ServicePlan): void {
    validateDeploymentBehindNlb(plan);
    const routed = plan.routes.length + plan.namedPortRoutes.reduce((n, p) => n + p.placements.length, 0);
    plan.networkListeners = planNetworkListeners(plan.name, plan.given.networkListeners ?? [], plan.options.containerPort,
      this.network.networkLoadBalancers, routed, this.network.layout.ipStack._ipv6OnlyTasks);
  }

  /** Target group, listener, the load balancer's way in. */
  public useService(service: NetworkService, plan: ServicePlan): void {
    service._parts.networkListeners = plan.networkListeners.map(listener => attachNetworkListener(service, listener, {
      serviceName: plan.name,
      vpc: this.network.layout.vpc,
      service: service._service,
      container: service.container,
      securityGroup: service.securityGroup,
      ipv6Targets: this.network.layout.ipStack._ipv6OnlyTasks,
      open: this.open,
    }));
  }

  /** Each load balancer's security group admits the flows opened to it (and EC23 follows their ports). */
  public useOpenedFlows(flows: readonly OpenedFlow[]): void {
    for (const nlb of this.network.networkLoadBalancers.values()) admitOpenedFlows(nlb, flows);
    this.opened.push(...flows.filter(f => f.reported));
  }

  public writeFlows(flows: NetworkFlows, services: NetworkService[]): void {
    const nlbs = [...this.network.networkLoadBalancers.values()];
    writeNetworkLoadBalancerFlows(flows, nlbs, this.network.ingress?.loadBalancers ?? [], services, this.opened);
  }

  public reportRows(): ReportRows {
    return networkLoadBalancerReportRows([...this.network.networkLoadBalancers.values()]);
  }
}

/**
 * Throws when a service that shifts traffic (blue/green, canary, linear) is behind a Network Load
 * Balancer: ECS needs an alternate target group and a production listener for every load balancer of
 * such a service (`AdvancedConfiguration`), and the deployments give them to Application Load Balancer routes only.
 */
function validateDeploymentBehindNlb(plan: ServicePlan): void {
  const deployment = plan.deployment;
  if (!deployment?.shiftsTraffic || (plan.given.networkListeners ?? []).length === 0) return;
  const own = plan.given.deployment !== undefined;
  throw invalidProp(own ? `${plan.name}.deployment` : 'deployment', `is ${deployment.strategy.toLowerCase().replace('_', '/')}` +
    `${own ? '' : ' (the network\'s default)'}, but service \`${plan.name}\` is behind a Network Load Balancer (\`networkListeners\`): ECS needs an ` +
    'alternate target group and a production listener for every load balancer of a blue/green, canary or linear service, which the network ' +
    'gives to Application Load Balancer routes only', deployment.strategy,
  `Give \`${plan.name}\` \`deployment: ServiceDeployment.rolling()\`, or put its Network Load Balancer listeners on a service of their own.`);
}
