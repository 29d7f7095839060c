import { Annotations, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { IConstruct } from 'constructs';
import type { NetworkListenerSummary, NetworkLoadBalancer } from './network-load-balancer';
import { clientsOf } from '../flows/clients';
import type { FlowEnd, FlowSetting, FlowTraffic } from '../flows/flow';
import { FlowCarrier, FlowEncryption, FlowEndKind, FlowProtocol, transportsOf } from '../flows/flow';
import type { OpenedFlow } from '../flows/opened-flows';
import { ReachabilityKind } from '../report/report-types';
import { NetworkAclTier } from '../segmentation/network-acl-options';

/** Whether a listener's clients' side is encrypted, and the setting that makes it plaintext. */
export interface ListenerEncryption {
  readonly clientSide: FlowEncryption;
  readonly plaintextBecause?: FlowSetting;
}

/** What a listener forwards to, for its flows: the target's end and the tier its subnets are in. */
export interface ListenerTarget {
  readonly end: FlowEnd;
  readonly tier: NetworkAclTier;
}

/**
 * The flows a Network Load Balancer listener opens, for each of the load balancer's clients (its
 * `ingressPeers`, or any address by default): the clients to the listener port, admitted by the load
 * balancer's security group in its own tier; and, when the target sees the clients' addresses (UDP
 * always, TCP with `preserveClientIp`, an Application Load Balancer target), the clients to the
 * target port in the target's tier, which only the network ACLs see (the target's security group
 * admits the load balancer's group).
 */
export function listenerFlows(nlb: NetworkLoadBalancer, l: NetworkListenerSummary, openedBy: { construct: IConstruct; prop: string },
  encryption: ListenerEncryption, target: ListenerTarget): OpenedFlow[] {
  const destination = networkLoadBalancerEnd(nlb);
  const addresses = nlb.allocationIds.length > 0 ? `, Elastic IPs ${nlb.allocationIds.length}` : '';
  const lbTier = nlb.internetFacing ? NetworkAclTier.PUBLIC : NetworkAclTier.PRIVATE;
  return nlb._peers.flatMap(peer => {
    const { end, family } = clientsOf(peerRule(nlb.securityGroup, peer));
    const toListener: OpenedFlow = {
      flow: {
        kind: ReachabilityKind.INGRESS,
        source: end,
        destination,
        traffic: [listenerTraffic(l)],
        family,
        encryption: encryption.clientSide,
        carrier: FlowCarrier.NLB_LISTENER,
        detail: `${l.protocol} listener${addresses}`,
        plaintextBecause: encryption.clientSide === FlowEncryption.PLAINTEXT ? encryption.plaintextBecause : undefined,
      },
      clients: peer,
      admittedBy: nlb.securityGroup,
      tier: lbTier,
      openedBy,
      clientsProp: `${nlb._prop}.ingressPeers`,
      reported: true,
    };
    if (!l.preservesClientIp) return [toListener];
    const toTarget: OpenedFlow = {
      ...toListener,
      flow: { ...toListener.flow, destination: target.end, traffic: [targetTraffic(l)], carrier: FlowCarrier.NLB_TARGET_GROUP, detail: 'client address preserved' },
      admittedBy: undefined,
      tier: target.tier,
      reported: false,
    };
    return [toListener, toTarget];
  });
}

/**
 * Whether the clients' side and the target's side of a listener are encrypted, and the setting that
 * makes them plaintext: a TLS listener (TLS again to the task with `tlsToTargets`), or TCP passed
 * through to the HTTPS listener (443) of an Application Load Balancer, whose port 80 only redirects.
 */
export function encryptionOf(nlb: NetworkLoadBalancer, l: NetworkListenerSummary, forwardsToHttps: boolean, prop: string):
ListenerEncryption & { targetSide: FlowEncryption } {
  if (l.target.startsWith('application load balancer ')) {
    const https = l.targetPort === 443 ? FlowEncryption.TLS : FlowEncryption.REDIRECT;
    if (forwardsToHttps) return { clientSide: https, targetSide: https };
    return {
      clientSide: FlowEncryption.PLAINTEXT,
      targetSide: FlowEncryption.PLAINTEXT,
      plaintextBecause: {
        prop,
        problem: `forwards TCP ${l.port} to ${l.target}, which serves plain HTTP`,
        value: l.target,
        fix: 'Give that load balancer a `certificate`: the forwarded ports then carry TLS or the redirect to it.',
      },
    };
  }
  if (l.protocol !== elbv2.Protocol.TLS) {
    return {
      clientSide: FlowEncryption.PLAINTEXT,
      targetSide: FlowEncryption.PLAINTEXT,
      plaintextBecause: {
        prop: `${prop}.protocol`,
        problem: `is ${l.protocol}: listener ${l.port} of Network Load Balancer \`${nlb.name}\` takes plaintext`,
        value: l.protocol,
        fix: 'Use `elbv2.Protocol.TLS` with a `certificate` (and `tlsToTargets: true`); UDP cannot be encrypted by the load balancer.',
      },
    };
  }
  if (l.tlsToTarget) return { clientSide: FlowEncryption.TLS, targetSide: FlowEncryption.TLS };
  return {
    clientSide: FlowEncryption.TLS,
    targetSide: FlowEncryption.PLAINTEXT,
    plaintextBecause: {
      prop: `${prop}.tlsToTargets`,
      problem: `is false: listener ${l.port} of Network Load Balancer \`${nlb.name}\` sends plain TCP to the tasks`,
      value: false,
      fix: 'Serve TLS on the container port and set `tlsToTargets: true`.',
    },
  };
}

/** The listener ports an internet-facing load balancer may open to any address without a warning. */
const WEB_PORTS = [80, 443];

/**
 * Derives the security group's part of flows opened to a Network Load Balancer: its group admits the
 * listener's ports from each client (TCP, UDP or both). When the clients are any address by default
 * (an internet-facing load balancer without `ingressPeers`), AwsSolutions-EC23 stays acknowledged
 * only while every listener port is 80 or 443, and another port is a warning that names it.
 */
export function admitOpenedFlows(nlb: NetworkLoadBalancer, flows: readonly OpenedFlow[]): void {
  const admitted = flows.filter(f => f.admittedBy === nlb.securityGroup && f.flow.kind === ReachabilityKind.INGRESS);
  if (admitted.length === 0) return;
  // the ports of one listener, then its clients: the order of the group's rules stays the order of the listeners
  for (const traffic of admitted[0].flow.traffic) {
    for (const port of securityGroupPorts(traffic)) {
      admitted.forEach(f => nlb.securityGroup.addIngressRule(f.clients, port, `${port.toString()} from the allowed clients`));
    }
  }
  const acknowledgement = nlb._openIngressAcknowledgement;
  if (!acknowledgement) return;
  acknowledgement.holds(nlb.listeners.every(l => WEB_PORTS.includes(l.port)));
  const { construct } = admitted[0].openedBy;
  for (const traffic of admitted[0].flow.traffic.filter(t => !WEB_PORTS.includes(t.fromPort!))) {
    const anyAddress = nlb._peers.map(p => p.uniqueId).join(' and ');
    Annotations.of(construct).addWarningV2('ecs-advanced-network:openListenerPort',
      `The internet-facing Network Load Balancer \`${nlb.name}\` opens its ${listenerProtocolOf(traffic)} listener on port ${traffic.fromPort} to any address (${anyAddress}), ` +
      `and cdk-nag reports it (AwsSolutions-EC23). Give \`${nlb._prop}.ingressPeers\` (the clients' CIDR ranges or a prefix list) ` +
      'to restrict it, or make it internal (`internetFacing: false`).');
  }
}

/** The end of a Network Load Balancer in the flows. */
export function networkLoadBalancerEnd(nlb: NetworkLoadBalancer): FlowEnd {
  return { kind: FlowEndKind.NETWORK_LOAD_BALANCER, name: `network load balancer ${nlb.name}` };
}

const LISTENER_PROTOCOLS: { [protocol: string]: FlowProtocol } = {
  [elbv2.Protocol.TCP]: FlowProtocol.TCP,
  [elbv2.Protocol.UDP]: FlowProtocol.UDP,
  [elbv2.Protocol.TCP_UDP]: FlowProtocol.TCP_UDP,
  [elbv2.Protocol.TLS]: FlowProtocol.TLS,
};

/** The listener's protocol and port, as the flows write them. */
export function listenerTraffic(l: NetworkListenerSummary): FlowTraffic {
  return { protocol: LISTENER_PROTOCOLS[l.protocol] ?? FlowProtocol.TCP, fromPort: l.port };
}

/** A TLS listener sends TCP (or TLS again) to the target. */
export function targetTraffic(l: NetworkListenerSummary): FlowTraffic {
  const protocol = LISTENER_PROTOCOLS[l.protocol] ?? FlowProtocol.TCP;
  return { protocol: protocol === FlowProtocol.TLS ? FlowProtocol.TCP : protocol, fromPort: l.targetPort };
}

function securityGroupPorts(traffic: FlowTraffic): ec2.Port[] {
  return transportsOf(traffic).map(t => t === 'UDP' ? ec2.Port.udp(traffic.fromPort!) : ec2.Port.tcp(traffic.fromPort!));
}

function listenerProtocolOf(traffic: FlowTraffic): string {
  return Object.entries(LISTENER_PROTOCOLS).find(([, p]) => p === traffic.protocol)?.[0] ?? 'TCP';
}

/** The rendered rule of a peer, for its label. */
function peerRule(sg: ec2.ISecurityGroup, peer: ec2.IPeer): any {
  return Stack.of(sg).resolve(peer.toIngressRuleConfig());
}
