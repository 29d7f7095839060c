import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { IConstruct } from 'constructs';
import type { Flow } from './flow';
import type { NetworkAclTier } from '../segmentation/network-acl-options';

/**
 * A flow a capability opens while the network is built, with what the constructs that let it
 * through are derived from: the peer its clients are, the security group that admits it, and the
 * subnet tier it enters. The capability that opens it passes it to the lifecycle
 * (`ServiceLifecycle.open`), which hands it to every capability (`Capability.useOpenedFlows`): the
 * security-group rules, the network ACL entries and the acknowledgements of the flow are each derived
 * from it there, and the report lists it. A capability never adds a rule or an entry for a flow
 * another capability opened: it opens the flow, and the others follow.
 * Internal: not part of the public API.
 */
export interface OpenedFlow {
  /** The flow as the report lists it. */
  readonly flow: Flow;
  /** Its clients, as a security-group peer (a CIDR block, a prefix list, any address, a security group). */
  readonly clients: ec2.IPeer;
  /** The security group that admits it at the destination, when the destination has one of its own for it. */
  readonly admittedBy?: ec2.ISecurityGroup;
  /**
   * The security group that lets it out (an egress rule on it to `to`), when the source's group bounds
   * what it sends (least-privilege task egress). @default - no egress rule
   */
  readonly sentBy?: ec2.ISecurityGroup;
  /** Its destination as a peer, for `sentBy`'s egress rule. @default - none */
  readonly to?: ec2.IPeer;
  /** The description of the security-group rule that admits it. @default - the capability that admits it chooses */
  readonly ruleDescription?: string;
  /**
   * The construct id of the standalone rules that admit it, where they cannot be the security groups'
   * own (a declared call between services of two stacks). @default - the security groups' own rules
   */
  readonly ruleId?: string;
  /**
   * The subnet tier it enters: the network ACL of that tier must admit it, from the clients' addresses.
   * @default - none: a flow between security groups inside the VPC, which the ACLs' VPC entry admits
   */
  readonly tier?: NetworkAclTier;
  /** The construct that opened it (warnings and acknowledgements go there), and the prop that asked for it (errors name it). */
  readonly openedBy: { readonly construct: IConstruct; readonly prop: string };
  /**
   * The prop that gives its clients, for messages about them (a Network Load Balancer's listener opens
   * the flow; the load balancer's `ingressPeers` choose who may use it).
   * @default - `openedBy.prop`
   */
  readonly clientsProp?: string;
  /**
   * Whether the report lists it: the hop to a target that sees the client's address is a row of its
   * own only for the network ACLs (the report's row is the load balancer's route).
   */
  readonly reported: boolean;
}
