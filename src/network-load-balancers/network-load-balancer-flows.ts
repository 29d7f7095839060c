import { Stack } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { forwardsToHttpsOf } from './create-network-load-balancer';
import type { NetworkListenerSummary, NetworkLoadBalancer } from './network-load-balancer';
import { clientsOf } from '../flows/clients';
import type { Flow, FlowSetting, FlowTraffic } from '../flows/flow';
import { AddressFamily, FlowCarrier, FlowEncryption, FlowEndKind, FlowProtocol } from '../flows/flow';
import type { NetworkFlows } from '../flows/network-flows';
import type { IngressLoadBalancer } from '../ingress/ingress-load-balancer';
import { ReachabilityKind } from '../report/report-types';
import type { NetworkService } from '../services/network-service';

/**
 * The flows of the Network Load Balancers: clients (and PrivateLink consumers) to each listener, and
 * each listener to its target (a service, or the Application Load Balancer behind it).
 */
export function writeNetworkLoadBalancerFlows(flows: NetworkFlows, nlbs: NetworkLoadBalancer[], applicationLoadBalancers: IngressLoadBalancer[],
  services: NetworkService[]): void {
  const toHttps = forwardsToHttpsOf(applicationLoadBalancers);
  flows.add('networkLoadBalancers', ...nlbs.flatMap(nlb => flowsOf(nlb, toHttps, services)));
}

function flowsOf(nlb: NetworkLoadBalancer, toHttps: (listener: NetworkListenerSummary) => boolean, services: NetworkService[]): Flow[] {
  const name = { kind: FlowEndKind.NETWORK_LOAD_BALANCER, name: `network load balancer ${nlb.name}` };
  const clients = nlb._peers.map(p => clientsOf(peerRule(nlb.securityGroup, p)));
  const addresses = nlb.allocationIds.length > 0 ? `, Elastic IPs ${nlb.allocationIds.length}` : '';
  const listeners = nlb.listeners.map(l => ({ l, ...encryptionOf(nlb, l, toHttps(l), services) }));
  const ingress = listeners.flatMap(({ l, clientSide, plaintextBecause }) => clients.map(({ end, family }): Flow => ({
    kind: ReachabilityKind.INGRESS,
    source: end,
    destination: name,
    traffic: [listenerTraffic(l)],
    family,
    encryption: clientSide,
    carrier: FlowCarrier.NLB_LISTENER,
    detail: `${l.protocol} listener${addresses}`,
    plaintextBecause: clientSide === FlowEncryption.PLAINTEXT ? plaintextBecause : undefined,
  })));
  const privateLink: Flow[] = nlb.endpointService ? [{
    kind: ReachabilityKind.INGRESS,
    source: { kind: FlowEndKind.CLIENTS, name: 'PrivateLink consumers (allowed principals)' },
    destination: name,
    traffic: nlb.listeners.map(listenerTraffic),
    family: AddressFamily.IPV4,
    encryption: listeners.length > 0 && listeners.every(x => x.clientSide === FlowEncryption.TLS) ? FlowEncryption.TLS : FlowEncryption.PLAINTEXT,
    carrier: FlowCarrier.PRIVATE_LINK,
    detail: `VPC endpoint service, acceptance ${nlb.endpointService.acceptanceRequired ? 'required' : 'not required'}`,
  }] : [];
  const targets = listeners.map(({ l, targetSide, plaintextBecause }): Flow => ({
    kind: ReachabilityKind.ROUTE,
    source: name,
    destination: { kind: l.target.startsWith('application load balancer ') ? FlowEndKind.LOAD_BALANCER : FlowEndKind.SERVICE, name: l.target },
    traffic: [targetTraffic(l)],
    family: AddressFamily.IPV4,
    encryption: targetSide,
    carrier: FlowCarrier.NLB_TARGET_GROUP,
    detail: `${l.protocol} ${l.port}${l.protocol === elbv2.Protocol.TLS ? (l.tlsToTarget ? ' (TLS again to the task)' : ' (TLS ends at the load balancer)') : ''}` +
      `${l.preservesClientIp ? ', client address preserved' : ''}`,
    plaintextBecause: targetSide === FlowEncryption.PLAINTEXT ? plaintextBecause : undefined,
  }));
  return [...ingress, ...privateLink, ...targets];
}

/**
 * Whether the clients' side and the target's side of a listener are encrypted, and the setting that
 * makes them plaintext: a TLS listener (TLS again to the task with `tlsToTargets`), or TCP passed
 * through to the HTTPS listener (443) of an Application Load Balancer, whose port 80 only redirects.
 */
function encryptionOf(nlb: NetworkLoadBalancer, l: NetworkListenerSummary, forwardsToHttps: boolean, services: NetworkService[]):
{ clientSide: FlowEncryption; targetSide: FlowEncryption; plaintextBecause?: FlowSetting } {
  if (l.target.startsWith('application load balancer ')) {
    const https = l.targetPort === 443 ? FlowEncryption.TLS : FlowEncryption.REDIRECT;
    if (forwardsToHttps) return { clientSide: https, targetSide: https };
    return {
      clientSide: FlowEncryption.PLAINTEXT,
      targetSide: FlowEncryption.PLAINTEXT,
      plaintextBecause: {
        prop: `networkLoadBalancers.${nlb.name}.forwardToApplicationLoadBalancer`,
        problem: `forwards TCP ${l.port} to ${l.target}, which serves plain HTTP`,
        value: l.target,
        fix: 'Give that load balancer a `certificate`: the forwarded ports then carry TLS or the redirect to it.',
      },
    };
  }
  const service = services.find(s => s.serviceName === l.target);
  const i = service?.networkListeners.findIndex(x => x.loadBalancer === nlb && x.port === l.port) ?? -1;
  const prop = `${l.target}.networkListeners[${i}]`;
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

const LISTENER_PROTOCOLS: { [protocol: string]: FlowProtocol } = {
  [elbv2.Protocol.TCP]: FlowProtocol.TCP,
  [elbv2.Protocol.UDP]: FlowProtocol.UDP,
  [elbv2.Protocol.TCP_UDP]: FlowProtocol.TCP_UDP,
  [elbv2.Protocol.TLS]: FlowProtocol.TLS,
};

function listenerTraffic(l: NetworkListenerSummary): FlowTraffic {
  return { protocol: LISTENER_PROTOCOLS[l.protocol] ?? FlowProtocol.TCP, fromPort: l.port };
}

/** A TLS listener sends TCP (or TLS again) to the target. */
function targetTraffic(l: NetworkListenerSummary): FlowTraffic {
  const protocol = LISTENER_PROTOCOLS[l.protocol] ?? FlowProtocol.TCP;
  return { protocol: protocol === FlowProtocol.TLS ? FlowProtocol.TCP : protocol, fromPort: l.targetPort };
}

/** The rendered rule of a peer, for its label. */
function peerRule(sg: ec2.ISecurityGroup, peer: ec2.IPeer): any {
  return Stack.of(sg).resolve(peer.toIngressRuleConfig());
}
