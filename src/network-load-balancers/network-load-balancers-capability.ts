import { networkLoadBalancerReportRows } from './network-load-balancers-report';
import { attachNetworkListener, planNetworkListeners } from './service-listener';
import type { Capability } from '../lifecycle/capability';
import type { ServicePlan } from '../lifecycle/service-plan';
import type { ReportRows } from '../report/report-rows';
import type { NetworkContext } from '../services/network-context';
import type { NetworkService } from '../services/network-service';

/** Network Load Balancers (TCP, UDP, TLS): the listeners that forward to a service (`networkListeners`). */
export class NetworkLoadBalancersCapability implements Capability {
  constructor(private readonly network: NetworkContext) {}

  /** Where each listener goes; ECS registers a service with 5 target groups at most, routes included. */
  public planService(plan: ServicePlan): void {
    const routed = plan.routes.length + plan.namedPortRoutes.reduce((n, p) => n + p.placements.length, 0);
    plan.networkListeners = planNetworkListeners(plan.name, plan.given.networkListeners ?? [], plan.options.containerPort,
      this.network.networkLoadBalancers, routed);
  }

  /** Target group, listener, the load balancer's way in. */
  public useService(service: NetworkService, plan: ServicePlan): void {
    service._parts.networkListeners = plan.networkListeners.map(listener => attachNetworkListener(service, listener, {
      serviceName: plan.name,
      vpc: this.network.layout.vpc,
      service: service._service,
      container: service.container,
      securityGroup: service.securityGroup,
    }));
  }

  public reportRows(): ReportRows {
    return networkLoadBalancerReportRows([...this.network.networkLoadBalancers.values()], this.network.ingress?.loadBalancers ?? []);
  }
}
