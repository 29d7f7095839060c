import { Fn } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import { addCallRules } from './call-rules';
import { writeEgressFlows } from './egress-flows';
import { addFlowAclEntries } from './listener-acl-entries';
import { NetworkAclTier } from './network-acl-options';
import { addServiceEgress, validateServiceEgress } from './service-egress';
import type { NetworkFlows } from '../flows/network-flows';
import type { OpenedFlow } from '../flows/opened-flows';
import type { Capability } from '../lifecycle/capability';
import type { ServicePlan } from '../lifecycle/service-plan';
import type { NetworkContext } from '../services/network-context';
import type { NetworkService } from '../services/network-service';

/**
 * What the tasks' security groups let out: HTTPS and the declared destinations (`egressTo`), with least
 * privilege; the rules of declared calls and the network ACL entries of every flow other capabilities open.
 */
export class SegmentationCapability implements Capability {
  constructor(private readonly network: NetworkContext & { readonly construct: { readonly networkAcls: ec2.NetworkAcl[] } }) {}

  public planService(plan: ServicePlan): void {
    validateServiceEgress(this.egressOf(plan));
  }

  public useTaskDefinition(service: NetworkService, plan: ServicePlan): void {
    addServiceEgress({ ...this.egressOf(plan), securityGroup: service.securityGroup });
  }

  /** The network ACLs admit the flows other capabilities open (a Network Load Balancer listener's clients), from their addresses. */
  public useOpenedFlows(flows: readonly OpenedFlow[]): void {
    // the security groups of declared calls, then the network ACLs
    addCallRules(flows, this.network.crossStackRules);
    const [publicAcl, privateAcl] = this.network.construct.networkAcls ?? [];
    if (!publicAcl) return;
    const { layout } = this.network;
    addFlowAclEntries(flows, {
      acls: { [NetworkAclTier.PUBLIC]: publicAcl, [NetworkAclTier.PRIVATE]: privateAcl },
      vpcCidrs: [
        layout.cidrBlock ?? layout.vpc.vpcCidrBlock,
        ...(layout.ipStack.ipv6 ? [Fn.select(0, (layout.vpc as ec2.Vpc).vpcIpv6CidrBlocks)] : []),
      ],
    });
  }

  private egressOf(plan: ServicePlan) {
    return {
      prop: plan.name,
      taskEgress: this.network.taskEgress,
      httpsEgress: plan.options.httpsEgress,
      destinations: plan.options.egressTo ?? [],
      tasksHaveNatRoute: this.network.layout.tasksHaveNatRoute,
      ipv6: this.network.layout.ipStack.ipv6,
      ipv6OnlyTasks: this.network.layout.ipStack._ipv6OnlyTasks,
    };
  }

  public writeFlows(flows: NetworkFlows, services: NetworkService[]): void {
    writeEgressFlows(flows, services, this.network.layout, this.network.taskEgress);
  }
}
