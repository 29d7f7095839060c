import { Stack } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { forwardsToHttpsOf } from './create-network-load-balancer';
import type { NetworkListenerSummary, NetworkLoadBalancer } from './network-load-balancer';
import type { IngressLoadBalancer } from '../ingress/ingress-load-balancer';
import type { ReportRows } from '../report/report-rows';
import { peerLabel } from '../report/report-rows';
import type { ReachabilityEntry } from '../report/report-types';
import { ReachabilityKind } from '../report/report-types';

/**
 * The Network Load Balancers in the report: who reaches each listener and where it forwards (the
 * Application Load Balancer behind it, or a service), and what the cost estimate counts.
 */
export function networkLoadBalancerReportRows(nlbs: NetworkLoadBalancer[], applicationLoadBalancers: IngressLoadBalancer[]): ReportRows {
  const toHttps = forwardsToHttpsOf(applicationLoadBalancers);
  return {
    reachability: { networkLoadBalancers: nlbs.flatMap(nlb => pathsOf(nlb, toHttps)) },
    cost: { networkLoadBalancers: nlbs.map(n => ({ internetFacing: n.internetFacing, endpointService: n.endpointService !== undefined })) },
  };
}

/** Who reaches each listener of `nlb`, and where it forwards. */
function pathsOf(nlb: NetworkLoadBalancer, toHttps: (listener: NetworkListenerSummary) => boolean): ReachabilityEntry[] {
  const name = `network load balancer ${nlb.name}`;
  const clients = nlb._peers.map(p => peerLabel(peerRule(nlb.securityGroup, p)));
  const addresses = nlb.allocationIds.length > 0 ? `, Elastic IPs ${nlb.allocationIds.length}` : '';
  return [
    ...nlb.listeners.flatMap(l => clients.map(source => ({
      kind: ReachabilityKind.INGRESS,
      source,
      destination: name,
      port: `${l.protocol} ${l.port}`,
      detail: `${l.protocol} listener${addresses}`,
      encrypted: isEncryptedListener(l, toHttps(l)),
    }))),
    ...(nlb.endpointService ? [{
      kind: ReachabilityKind.INGRESS,
      source: 'PrivateLink consumers (allowed principals)',
      destination: name,
      port: nlb.listeners.map(l => `${l.protocol} ${l.port}`).join(', ') || '-',
      detail: `VPC endpoint service, acceptance ${nlb.endpointService.acceptanceRequired ? 'required' : 'not required'}`,
      encrypted: nlb.listeners.length > 0 && nlb.listeners.every(l => isEncryptedListener(l, toHttps(l))),
    }] : []),
    ...nlb.listeners.map(l => ({
      kind: ReachabilityKind.ROUTE,
      source: name,
      destination: l.target,
      port: `${l.protocol === elbv2.Protocol.UDP || l.protocol === elbv2.Protocol.TCP_UDP ? l.protocol.replace('TCP_UDP', 'TCP+UDP') : 'TCP'} ${l.targetPort}`,
      detail: `${l.protocol} ${l.port}${l.protocol === elbv2.Protocol.TLS ? (l.tlsToTarget ? ' (TLS again to the task)' : ' (TLS ends at the load balancer)') : ''}` +
        `${l.preservesClientIp ? ', client address preserved' : ''}`,
      encrypted: isEncryptedToTarget(l, toHttps(l)),
    })),
  ];
}

/** The rendered rule of a peer, for its label. */
function peerRule(sg: ec2.ISecurityGroup, peer: ec2.IPeer): any {
  return Stack.of(sg).resolve(peer.toIngressRuleConfig());
}

/**
 * Whether the clients' side of a Network Load Balancer listener is encrypted: a TLS listener, or TCP
 * passed through to the HTTPS listener (443) of an Application Load Balancer.
 */
function isEncryptedListener(listener: NetworkListenerSummary, forwardsToHttps: boolean): boolean {
  return listener.protocol === elbv2.Protocol.TLS || (forwardsToHttps && listener.targetPort === 443);
}

/** Whether a Network Load Balancer listener's hop to its target is encrypted. */
function isEncryptedToTarget(listener: NetworkListenerSummary, forwardsToHttps: boolean): boolean {
  return (listener.protocol === elbv2.Protocol.TLS && (listener.tlsToTarget ?? false)) || (forwardsToHttps && listener.targetPort === 443);
}
