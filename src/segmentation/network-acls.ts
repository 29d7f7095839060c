import { Annotations, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import type { NetworkAclOptions, NetworkAclRule } from './network-acl-options';
import { NetworkAclTier } from './network-acl-options';
import { AWS_LIMITS, describeOverflow } from '../limits/aws-limits';
import { parseCidr } from '../network/subnet-math';
import { duplicates, invalidProp, requireIntegerInRange } from '../private/validation';

/** The first rule number of the network's own entries; user entries go below. */
export const FIRST_NETWORK_RULE = 100;
const RULE_STEP = 10;

/** The ephemeral ports that return traffic arrives on, without 3389 (CT.EC2.PR.5 refuses it open to 0.0.0.0/0). */
const EPHEMERAL = [[1024, 3388], [3390, 65535]] as const;

/** What the tiers' entries are derived from. */
export interface NetworkAclModel {
  readonly vpc: ec2.IVpc;
  /** The VPC CIDR block: concrete, or the VPC's token. */
  readonly vpcCidr: string;
  /** The listener ports of an internet-facing load balancer in the public tier. */
  readonly publicListenerPorts: number[];
  /** Whether the VPC has an isolated tier. */
  readonly isolatedTier: boolean;
  /** The subnet group names of the tiers. */
  readonly subnetGroups: { [tier in NetworkAclTier]: string };
  /** The VPC's IPv6 block when it is dual-stack: every entry then has its IPv6 twin (`::/0`, the VPC's block). */
  readonly vpcIpv6Cidr?: string;
  /** IPv6-only task subnets outside the subnet groups: they take the private tier's ACL. */
  readonly ipv6OnlyTaskSubnets?: ec2.ISubnet[];
}

/** One entry of the network's own, before it is numbered. */
interface Entry {
  readonly direction: ec2.TrafficDirection;
  readonly cidr: ec2.AclCidr;
  readonly traffic: ec2.AclTraffic;
  readonly why: string;
}

/**
 * The entries of each tier, from the same model as the security groups: inside the VPC everything
 * (the security groups decide), from the internet only the load balancer's listener ports and the
 * ephemeral ports that return traffic (through NAT, and from S3 through the gateway endpoint)
 * arrives on; everything out (the security groups bound what the tasks send).
 */
export function tierEntries(tier: NetworkAclTier, m: NetworkAclModel): Entry[] {
  const v4 = familyEntries(tier, m, ec2.AclCidr.ipv4(m.vpcCidr), ec2.AclCidr.anyIpv4(), '');
  if (m.vpcIpv6Cidr === undefined) return v4;
  return [...v4, ...familyEntries(tier, m, ec2.AclCidr.ipv6(m.vpcIpv6Cidr), ec2.AclCidr.anyIpv6(), ' (IPv6)')];
}

function familyEntries(tier: NetworkAclTier, m: NetworkAclModel, vpc: ec2.AclCidr, any: ec2.AclCidr, family: string): Entry[] {
  const inbound: Entry[] = [{ direction: ec2.TrafficDirection.INGRESS, cidr: vpc, traffic: ec2.AclTraffic.allTraffic(), why: `the VPC${family}: security groups decide` }];
  if (tier === NetworkAclTier.PUBLIC) {
    for (const port of m.publicListenerPorts) {
      inbound.push({ direction: ec2.TrafficDirection.INGRESS, cidr: any, traffic: ec2.AclTraffic.tcpPort(port), why: `listener port ${port}${family}` });
    }
  }
  for (const [from, to] of EPHEMERAL) {
    inbound.push({ direction: ec2.TrafficDirection.INGRESS, cidr: any, traffic: ec2.AclTraffic.tcpPortRange(from, to), why: `return traffic (TCP)${family}` });
    inbound.push({ direction: ec2.TrafficDirection.INGRESS, cidr: any, traffic: ec2.AclTraffic.udpPortRange(from, to), why: `return traffic (UDP)${family}` });
  }
  return [...inbound, { direction: ec2.TrafficDirection.EGRESS, cidr: any, traffic: ec2.AclTraffic.allTraffic(), why: `out${family}: security groups decide` }];
}

/**
 * Throws when a tier would have more rules in one direction than AWS allows even after a quota
 * increase (40): unlike the default quota of 20, which a warning names, no request raises it.
 */
function requireAclRulesWithinMaximum(tier: NetworkAclTier, model: NetworkAclModel, rules: NetworkAclRule[]): void {
  const max = AWS_LIMITS.networkAclRulesPerDirectionMax;
  for (const direction of [ec2.TrafficDirection.INGRESS, ec2.TrafficDirection.EGRESS]) {
    const own = tierEntries(tier, model).filter(e => e.direction === direction).length;
    const mine = rules.filter(r => r.tier === tier && r.direction === direction).length;
    if (own + mine <= max.value) continue;
    const way = direction === ec2.TrafficDirection.INGRESS ? 'inbound' : 'outbound';
    throw invalidProp('networkAcls.additionalRules', `would give the ${tier} network ACL ${own + mine} ${way} rules (${own} of the network's own, ${mine} additional), ` +
      `over the ${max.value} that AWS allows per direction even after a quota increase (${max.source})`, `${mine} ${way} rules on the ${tier} tier`,
    `Merge rules into wider CIDR blocks or port ranges, to at most ${max.value - own} ${way} rules on the ${tier} tier.`);
  }
}

/**
 * Creates a network ACL for each tier, with the network's entries and the user's, and checks the
 * user's rule numbers and the entries per direction against the default quota.
 */
export function createNetworkAcls(scope: Construct, model: NetworkAclModel, options: NetworkAclOptions): ec2.NetworkAcl[] {
  const rules = options.additionalRules ?? [];
  rules.forEach((r, i) => validateRule(`networkAcls.additionalRules[${i}]`, r, model));
  validateRuleNumbers(rules);
  const tiers = [NetworkAclTier.PUBLIC, NetworkAclTier.PRIVATE, ...(model.isolatedTier ? [NetworkAclTier.ISOLATED] : [])];
  tiers.forEach(tier => requireAclRulesWithinMaximum(tier, model, rules));
  return tiers.map(tier => {
    const acl = new ec2.NetworkAcl(scope, `${tier[0].toUpperCase()}${tier.slice(1)}NetworkAcl`, {
      vpc: model.vpc,
      subnetSelection: { subnetGroupName: model.subnetGroups[tier] },
    });
    if (tier === NetworkAclTier.PRIVATE) {
      (model.ipv6OnlyTaskSubnets ?? []).forEach((subnet, i) => acl.associateWithSubnet(`Ipv6OnlyTasks${i + 1}`, { subnets: [subnet] }));
    }
    Validations.of(acl).acknowledge({
      id: 'AwsSolutions-VPC3',
      reason: 'Network ACLs are asked for (`networkAcls.enabled`): a second, stateless layer under the security groups.',
    });
    const mine = rules.filter(r => r.tier === tier);
    const entries = tierEntries(tier, model);
    for (const direction of [ec2.TrafficDirection.INGRESS, ec2.TrafficDirection.EGRESS]) {
      const own = entries.filter(e => e.direction === direction);
      own.forEach((e, i) => acl.addEntry(`${direction === ec2.TrafficDirection.INGRESS ? 'In' : 'Out'}${FIRST_NETWORK_RULE + i * RULE_STEP}`, {
        ruleNumber: FIRST_NETWORK_RULE + i * RULE_STEP,
        cidr: e.cidr,
        traffic: e.traffic,
        direction,
        ruleAction: ec2.Action.ALLOW,
      }));
      const count = own.length + mine.filter(r => r.direction === direction).length;
      if (count > AWS_LIMITS.networkAclRulesPerDirection.value) {
        Annotations.of(scope).addWarningV2('ecs-advanced-network:networkAclRules', describeOverflow(
          { limit: AWS_LIMITS.networkAclRulesPerDirection, where: `The ${tier} network ACL (${direction === ec2.TrafficDirection.INGRESS ? 'inbound' : 'outbound'})`, actual: count },
          'Request a quota increase (up to 40) before deploying, or use fewer `networkAcls.additionalRules`.'));
      }
    }
    mine.forEach(r => acl.addEntry(`User${r.direction === ec2.TrafficDirection.INGRESS ? 'In' : 'Out'}${r.ruleNumber}`, {
      ruleNumber: r.ruleNumber,
      cidr: ec2.AclCidr.ipv4(r.cidr),
      traffic: r.traffic,
      direction: r.direction,
      ruleAction: r.action,
    }));
    return acl;
  });
}

function validateRule(prop: string, r: NetworkAclRule, m: NetworkAclModel): void {
  requireIntegerInRange(`${prop}.ruleNumber`, r.ruleNumber, 1, FIRST_NETWORK_RULE - 1,
    `The network numbers its own entries from ${FIRST_NETWORK_RULE}; give yours 1 to ${FIRST_NETWORK_RULE - 1}.`);
  if (!parseCidr(r.cidr)) {
    throw invalidProp(`${prop}.cidr`, 'must be an IPv4 CIDR block', r.cidr, 'Use for example `198.51.100.0/24`.');
  }
  if (r.tier === NetworkAclTier.ISOLATED && !m.isolatedTier) {
    throw invalidProp(`${prop}.tier`, 'is the isolated tier, but the VPC has none', r.tier, 'Set `subnets.isolatedSubnets`, or choose another tier.');
  }
}

/** Throws when two user rules share a tier, direction and number (the ACL would refuse the second). */
function validateRuleNumbers(rules: NetworkAclRule[]): void {
  const keys = rules.map(r => `${r.tier} ${r.direction === ec2.TrafficDirection.INGRESS ? 'inbound' : 'outbound'} ${r.ruleNumber}`);
  const dup = duplicates(keys);
  if (dup.length > 0) {
    throw invalidProp('networkAcls.additionalRules', 'must not give two entries of one tier and direction the same rule number', dup,
      'Number each entry of a tier and direction once.');
  }
}
