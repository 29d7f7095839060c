import { Stack } from 'aws-cdk-lib';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import { endpointsReportRows, writeEndpointFlows } from './endpoint-flows';
import { validateImageReachable } from './image-reach';
import { prepareIpv6Image } from './ipv6-images';
import { requireServiceEndpoints } from './service-endpoints';
import type { NetworkFlows } from '../flows/network-flows';
import type { Capability } from '../lifecycle/capability';
import type { ServicePlan } from '../lifecycle/service-plan';
import type { ReportRows } from '../report/report-rows';
import type { NetworkContext } from '../services/network-context';
import type { NetworkService } from '../services/network-service';

/**
 * Endpoints and the path out: the images must be reachable from the task subnets, IPv6-only tasks
 * need images that answer over IPv6, and the endpoints a service uses without NAT are created.
 */
export class EndpointsCapability implements Capability {
  constructor(private readonly network: NetworkContext) {}

  public useTaskDefinition(service: NetworkService, plan: ServicePlan): void {
    const { name, options } = plan;
    const layout = this.network.layout;
    const region = Stack.of(service).region;
    validateImageReachable(name, service.container.imageName, layout.tasksHaveNatRoute, region);
    options.sidecars.forEach((_, i) => validateImageReachable(`${name}.sidecars[${i}]`, service.sidecars[i].imageName, layout.tasksHaveNatRoute, region));
    prepareIpv6Image(name, service.container, layout.ipStack);
    // after the last check of the task: a service that fails leaves no endpoint behind
    const secrets = Object.assign({}, options.secrets, ...options.sidecars.map(s => s.secrets ?? {}));
    requireServiceEndpoints(name, { ...options, secrets }, { ...this.network, tasksHaveNatRoute: layout.tasksHaveNatRoute });
  }

  public modifyServiceProps(props: ecs.FargateServiceProps): ecs.FargateServiceProps {
    // the group of the endpoints' clients, beside the service's own
    return { ...props, securityGroups: [...props.securityGroups ?? [], this.network.endpoints.clients] };
  }

  public writeFlows(flows: NetworkFlows, services: NetworkService[]): void {
    writeEndpointFlows(flows, this.network.endpoints, services);
  }

  public reportRows(): ReportRows {
    return endpointsReportRows(this.network.endpoints);
  }
}
