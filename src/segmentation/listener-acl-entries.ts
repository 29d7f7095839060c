import { Annotations, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { NetworkAclTier } from './network-acl-options';
import { portLabel, transportsOf } from '../flows/flow';
import type { OpenedFlow } from '../flows/opened-flows';
import { AWS_LIMITS, describeOverflow } from '../limits/aws-limits';
import { cidrWithin, parseCidr } from '../network/subnet-math';
import { stableHash } from '../private/stable-hash';
import { invalidProp } from '../private/validation';

/**
 * The entries of the Network Load Balancer listeners go from this rule number up: above the
 * network's own entries (100 on, by tens) and the user's (1 to 99).
 */
export const FIRST_LISTENER_RULE = 1000;
/** How many rule numbers the listener entries spread over (the last, 1000 + 29999, is below the 32766 that AWS allows). */
const LISTENER_RULE_SPAN = 30000;

/** The network's ACLs, and what an entry must not repeat. */
export interface FlowAclContext {
  /** The network's ACLs by tier (none when `networkAcls` is off). */
  readonly acls: { readonly [tier in NetworkAclTier]?: ec2.NetworkAcl };
  /** The VPC's blocks: their traffic passes the `the VPC` entry already. */
  readonly vpcCidrs: string[];
}

/** One inbound entry a flow needs. */
interface ListenerEntry {
  readonly tier: NetworkAclTier;
  readonly cidr: string;
  readonly ipv6: boolean;
  readonly transport: 'TCP' | 'UDP';
  readonly port: number;
}

/**
 * Opens the network ACLs to flows a capability opened (`OpenedFlow`), as the security groups are:
 * the ACL of the tier each flow enters admits its port from its clients' addresses. For a Network
 * Load Balancer listener that is the load balancer's tier on the listener port, and, when the target
 * sees the clients' addresses (UDP always, TCP with `preserveClientIp`, an Application Load Balancer
 * behind it), the target's tier on the target port. A stateless ACL otherwise drops everything but
 * 80, 443 and the return ports from outside the VPC. Each entry belongs to its ACL, named and numbered
 * after what it admits, so that two flows that need the same entry share it and no entry depends on
 * the order of the services.
 */
export function addFlowAclEntries(flows: readonly OpenedFlow[], ctx: FlowAclContext): void {
  if (Object.keys(ctx.acls).length === 0) return;
  for (const flow of flows) {
    warnPrefixListClients(flow, ctx);
    for (const entry of entriesOf(flow, ctx)) {
      const acl = ctx.acls[entry.tier];
      if (acl) addEntry(acl, entry, flow.openedBy.prop);
    }
  }
}

/**
 * A network ACL entry takes a CIDR block, never a prefix list: clients given as a prefix list
 * (`ingressPeers`) pass a tier only if its blocks are inside the VPC, or through the user's own entries.
 */
function warnPrefixListClients(f: OpenedFlow, ctx: FlowAclContext): void {
  const prefixList = f.tier !== undefined ? f.clients.toIngressRuleConfig().sourcePrefixListId : undefined;
  const acl = f.tier !== undefined ? ctx.acls[f.tier] : undefined;
  if (prefixList === undefined || !acl) return;
  const port = portLabel(f.flow.traffic);
  Annotations.of(acl).addWarningV2(`ecs-advanced-network:prefixListThroughAcl:${port}`,
    `\`${f.clientsProp ?? f.openedBy.prop}\` admits a prefix list on ${port}, but a network ACL entry takes CIDR blocks only: the ${f.tier} tier's ACL drops those ` +
    'clients unless their blocks are inside the VPC. Add an entry for each of their blocks (`networkAcls.additionalRules`), or give `ingressPeers` as CIDR blocks.');
}

function entriesOf(f: OpenedFlow, ctx: FlowAclContext): ListenerEntry[] {
  // resolved where the ACLs and the VPC are
  const stack = Stack.of(Object.values(ctx.acls)[0]!);
  const c = f.clients.toIngressRuleConfig();
  const client = c.cidrIp !== undefined ? { cidr: c.cidrIp as string, ipv6: false }
    : c.cidrIpv6 !== undefined ? { cidr: c.cidrIpv6 as string, ipv6: true } : undefined;
  if (f.tier === undefined || client === undefined) return [];
  // clients inside the VPC pass its entry already
  if (ctx.vpcCidrs.some(vpc => cidrContains(stack.resolve(vpc), stack.resolve(client.cidr), client.ipv6))) return [];
  const tier = f.tier;
  return f.flow.traffic.flatMap(t => transportsOf(t).map(transport => ({ tier, ...client, transport, port: t.fromPort! })));
}

/** Adds an inbound entry to `acl` unless it has it, numbered from a hash of what it admits (the next free number on a clash). */
function addEntry(acl: ec2.NetworkAcl, e: ListenerEntry, prop: string): void {
  const cidr = JSON.stringify(Stack.of(acl).resolve(e.cidr));
  const key = `${e.transport}|${e.port}|${cidr}`;
  const id = `Listener${e.transport}${e.port}From${stableHash(cidr).toString(16).padStart(8, '0')}`;
  if (acl.node.tryFindChild(id) || admittedByNetworkEntry(acl, e)) return;
  const inbound = inboundEntries(acl);
  const taken = new Set(inbound.map(x => x.ruleNumber));
  let ruleNumber = FIRST_LISTENER_RULE + stableHash(key) % LISTENER_RULE_SPAN;
  while (taken.has(ruleNumber)) ruleNumber = FIRST_LISTENER_RULE + (ruleNumber - FIRST_LISTENER_RULE + 1) % LISTENER_RULE_SPAN;
  const count = inbound.length + 1;
  const max = AWS_LIMITS.networkAclRulesPerDirectionMax;
  const where = `The network ACL ${acl.node.id} (inbound)`;
  if (count > max.value) {
    throw invalidProp(prop, `would give the network ACL ${acl.node.id} ${count} inbound rules, over the ${max.value} that AWS allows per direction ` +
      `even after a quota increase (${max.source})`, `${e.transport} ${e.port}`,
    'Use fewer listener ports or `ingressPeers` blocks outside the VPC, or turn `networkAcls` off.');
  }
  if (count === AWS_LIMITS.networkAclRulesPerDirection.value + 1) {
    Annotations.of(acl).addWarningV2('ecs-advanced-network:networkAclRules', describeOverflow(
      { limit: AWS_LIMITS.networkAclRulesPerDirection, where, actual: count },
      'Request a quota increase (up to 40) before deploying, or use fewer listener ports or `ingressPeers` blocks outside the VPC.'));
  }
  acl.addEntry(id, {
    ruleNumber,
    cidr: e.ipv6 ? ec2.AclCidr.ipv6(e.cidr) : ec2.AclCidr.ipv4(e.cidr),
    traffic: e.transport === 'UDP' ? ec2.AclTraffic.udpPort(e.port) : ec2.AclTraffic.tcpPort(e.port),
    direction: ec2.TrafficDirection.INGRESS,
    ruleAction: ec2.Action.ALLOW,
  });
}

const PROTOCOL_NUMBERS = { TCP: 6, UDP: 17 };

/**
 * Whether one of the network's own inbound entries (`In<rule number>`, `createNetworkAcls`) admits the
 * entry already, from a block that holds the clients': the VPC (every protocol), or the listener ports
 * of an internet-facing Application Load Balancer from any address. The return-traffic ranges (1024 and up) admit a listener's port only by
 * accident of their purpose: a flow the network opens gets an entry of its own there.
 */
function admittedByNetworkEntry(acl: ec2.NetworkAcl, e: ListenerEntry): boolean {
  const stack = Stack.of(acl);
  const client = stack.resolve(e.cidr);
  return acl.node.children.filter(c => /^In\d+$/.test(c.node.id)).map(c => c.node.defaultChild)
    .filter((c): c is ec2.CfnNetworkAclEntry => c instanceof ec2.CfnNetworkAclEntry)
    .some(own => own.ruleAction === 'allow'
      && cidrContains(stack.resolve(e.ipv6 ? own.ipv6CidrBlock : own.cidrBlock), client, e.ipv6)
      && (own.protocol === -1 || own.protocol === PROTOCOL_NUMBERS[e.transport])
      && (own.protocol === -1 || (portRangeOf(own).from === e.port && portRangeOf(own).to === e.port)));
}

/**
 * Whether the block `outer` holds every address of `inner` (both resolved): the same block (tokens
 * too), any address of the family, or two concrete IPv4 blocks one inside the other.
 */
function cidrContains(outer: unknown, inner: unknown, ipv6: boolean): boolean {
  if (outer === undefined || inner === undefined) return false;
  if (JSON.stringify(outer) === JSON.stringify(inner)) return true;
  if (outer === (ipv6 ? '::/0' : '0.0.0.0/0')) return true;
  if (ipv6 || typeof outer !== 'string' || typeof inner !== 'string') return false;
  const [o, i] = [parseCidr(outer), parseCidr(inner)];
  return o !== undefined && i !== undefined && cidrWithin(i, o);
}

function portRangeOf(entry: ec2.CfnNetworkAclEntry): { from: number; to: number } {
  const range = entry.portRange as ec2.CfnNetworkAclEntry.PortRangeProperty | undefined;
  return { from: range?.from ?? 0, to: range?.to ?? 65535 };
}

/** The inbound entries of an ACL, as its children say. */
function inboundEntries(acl: ec2.NetworkAcl): ec2.CfnNetworkAclEntry[] {
  return acl.node.children
    .map(c => c.node.defaultChild)
    .filter((c): c is ec2.CfnNetworkAclEntry => c instanceof ec2.CfnNetworkAclEntry && c.egress !== true);
}
