import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { CrossStackCallRules } from '../discovery/declared-calls';
import { FlowEndKind } from '../flows/flow';
import type { OpenedFlow } from '../flows/opened-flows';
import { allowTcpBetweenGroups } from '../private/group-rules';
import { ReachabilityKind } from '../report/report-types';

/**
 * Derives the security-group rules of declared calls (`connectsTo`, `connectTo()`) from their opened
 * flows: the callee's group admits exactly the called port from the caller's group, and with
 * least-privilege egress the caller's group lets it out. Within one stack through the groups'
 * connections; across stacks as standalone rules (`OpenedFlow.ruleId`) in the nested stack of calls
 * to the callee's stack (`CrossStackCallRules`), which no service stack depends on.
 */
export function addCallRules(flows: readonly OpenedFlow[], crossStack: CrossStackCallRules): void {
  for (const f of flows) {
    const callee = f.admittedBy;
    const toService = f.flow.kind === ReachabilityKind.CALL && f.flow.destination.kind === FlowEndKind.SERVICE;
    if (!toService || !callee || !ec2.SecurityGroup.isSecurityGroup(f.clients)) continue;
    const caller = f.clients as ec2.ISecurityGroup;
    const description = f.ruleDescription ?? 'Declared call';
    for (const t of f.flow.traffic) {
      const port = t.fromPort!;
      if (Stack.of(caller) === Stack.of(callee)) {
        callee.connections.allowFrom(caller.connections, ec2.Port.tcp(port), description);
        continue;
      }
      // with least-privilege egress the caller's group lets out only what it declared: this call too
      allowTcpBetweenGroups(crossStack.scopeFor(callee), f.ruleId!, {
        source: caller, target: callee, port, description, egress: !caller.allowAllOutbound,
      });
    }
  }
}
