import { Fn } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import { addCallRules } from './call-rules';
import { addEgressRules, serviceEgressFlows, writeAllowAllEgressFlows } from './egress-flows';
import { addFlowAclEntries } from './listener-acl-entries';
import { NetworkAclTier } from './network-acl-options';
import { validateServiceEgress } from './service-egress';
import { TaskEgressMode } from './task-egress';
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
  /** The egress flows each service opened, for the report (least-privilege egress). */
  private readonly egress = new Map<string, OpenedFlow[]>();

  /** `open` opens flows through the lifecycle (`ServiceLifecycle.open`), which hands them back to `useOpenedFlows`. */
  constructor(private readonly network: NetworkContext & { readonly construct: { readonly networkAcls: ec2.NetworkAcl[] } },
    private readonly open: (flows: readonly OpenedFlow[]) => void) {}

  public planService(plan: ServicePlan): void {
    validateServiceEgress(this.egressOf(plan));
  }

  /** With least-privilege egress the service opens its egress flows: HTTPS and its declared destinations. */
  public useTaskDefinition(service: NetworkService, plan: ServicePlan): void {
    if (this.network.taskEgress.mode === TaskEgressMode.ALLOW_ALL) return;
    const flows = serviceEgressFlows({
      serviceName: plan.name,
      securityGroup: service.securityGroup,
      httpsEgress: plan.options.httpsEgress ?? this.network.taskEgress.https,
      destinations: plan.options.egressTo ?? [],
      layout: this.network.layout,
    });
    this.egress.set(plan.name, flows.filter(f => f.reported));
    this.open(flows);
  }

  /** The network ACLs admit the flows other capabilities open (a Network Load Balancer listener's clients), from their addresses. */
  public useOpenedFlows(flows: readonly OpenedFlow[]): void {
    // the security groups of the tasks' egress and of declared calls, then the network ACLs
    addEgressRules(flows);
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
    if (this.network.taskEgress.mode === TaskEgressMode.ALLOW_ALL) writeAllowAllEgressFlows(flows, this.network.layout);
    else flows.add('egress', ...services.flatMap(s => this.egress.get(s.serviceName) ?? []).map(f => f.flow));
  }
}
