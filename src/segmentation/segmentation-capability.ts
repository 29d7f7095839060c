import { writeEgressFlows } from './egress-flows';
import { addServiceEgress, validateServiceEgress } from './service-egress';
import type { NetworkFlows } from '../flows/network-flows';
import type { Capability } from '../lifecycle/capability';
import type { ServicePlan } from '../lifecycle/service-plan';
import type { NetworkContext } from '../services/network-context';
import type { NetworkService } from '../services/network-service';

/** What the tasks' security groups let out: HTTPS and the declared destinations (`egressTo`), with least privilege. */
export class SegmentationCapability implements Capability {
  constructor(private readonly network: NetworkContext) {}

  public planService(plan: ServicePlan): void {
    validateServiceEgress(this.egressOf(plan));
  }

  public useTaskDefinition(service: NetworkService, plan: ServicePlan): void {
    addServiceEgress({ ...this.egressOf(plan), securityGroup: service.securityGroup });
  }

  private egressOf(plan: ServicePlan) {
    return {
      prop: plan.name,
      taskEgress: this.network.taskEgress,
      httpsEgress: plan.options.httpsEgress,
      destinations: plan.options.egressTo ?? [],
      tasksHaveNatRoute: this.network.layout.tasksHaveNatRoute,
      ipv6: this.network.layout.ipStack.ipv6,
    };
  }

  public writeFlows(flows: NetworkFlows, services: NetworkService[]): void {
    writeEgressFlows(flows, services, this.network.layout, this.network.taskEgress);
  }
}
