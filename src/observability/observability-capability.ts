import type { NetworkMonitoring } from './network-monitoring';
import { validateServiceMonitoring } from './resolve-options';
import type { IngressLoadBalancer } from '../ingress/ingress-load-balancer';
import type { Capability } from '../lifecycle/capability';
import type { ServicePlan } from '../lifecycle/service-plan';
import type { NetworkLoadBalancer } from '../network-load-balancers/network-load-balancer';
import type { NetworkService } from '../services/network-service';

/**
 * Alarms, dashboards and flow-log queries. Last in the capability list: it watches what the others
 * built, and receives every service and load balancer through the lifecycle, one way.
 */
export class ObservabilityCapability implements Capability {
  constructor(private readonly monitoring: NetworkMonitoring | undefined) {}

  public planService(plan: ServicePlan): void {
    validateServiceMonitoring(`${plan.name}.monitoring`, plan.options.monitoring, plan.options.routing !== undefined);
  }

  public useJoinedService(service: NetworkService): void {
    this.monitoring?._addService(service);
  }

  public useLoadBalancer(loadBalancer: IngressLoadBalancer): void {
    this.monitoring?._addLoadBalancer(loadBalancer);
  }

  public useNetworkLoadBalancer(loadBalancer: NetworkLoadBalancer): void {
    this.monitoring?._addNetworkLoadBalancer(loadBalancer);
  }
}
