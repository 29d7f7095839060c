import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';

/**
 * One TCP port from the security group `source` to the group `target`, as standalone rules in `scope`
 * (the stack that may reference both): the target's ingress rule `id`, and with `egress` the source's
 * egress rule `<id>-out` or `egressId`. Standalone rules, not `connections.allowTo`: their place and
 * logical IDs are chosen by the caller, never by aws-cdk-lib's placement across stacks.
 */
export function allowTcpBetweenGroups(scope: Construct, id: string, rule: {
  readonly source: ec2.ISecurityGroup;
  readonly target: ec2.ISecurityGroup;
  readonly port: number;
  readonly description: string;
  readonly egress: boolean;
  /** @default `${id}-out` */
  readonly egressId?: string;
}): void {
  const { source, target, port, description } = rule;
  new ec2.CfnSecurityGroupIngress(scope, id, {
    groupId: target.securityGroupId,
    sourceSecurityGroupId: source.securityGroupId,
    ipProtocol: 'tcp',
    fromPort: port,
    toPort: port,
    description,
  });
  if (!rule.egress) return;
  new ec2.CfnSecurityGroupEgress(scope, rule.egressId ?? `${id}-out`, {
    groupId: source.securityGroupId,
    destinationSecurityGroupId: target.securityGroupId,
    ipProtocol: 'tcp',
    fromPort: port,
    toPort: port,
    description,
  });
}
