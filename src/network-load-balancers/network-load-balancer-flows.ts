import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { forwardsToHttpsOf } from './create-network-load-balancer';
import { encryptionOf, listenerTraffic, networkLoadBalancerEnd, targetTraffic } from './listener-flows';
import type { NetworkListenerSummary, NetworkLoadBalancer } from './network-load-balancer';
import type { Flow } from '../flows/flow';
import { AddressFamily, FlowCarrier, FlowEncryption, FlowEndKind } from '../flows/flow';
import type { NetworkFlows } from '../flows/network-flows';
import type { OpenedFlow } from '../flows/opened-flows';
import type { IngressLoadBalancer } from '../ingress/ingress-load-balancer';
import { ReachabilityKind } from '../report/report-types';
import type { NetworkService } from '../services/network-service';

/**
 * The flows of the Network Load Balancers: clients to each listener (as the listeners opened them,
 * `opened`), PrivateLink consumers, and each listener to its target (a service, or the Application
 * Load Balancer behind it).
 */
export function writeNetworkLoadBalancerFlows(flows: NetworkFlows, nlbs: NetworkLoadBalancer[], applicationLoadBalancers: IngressLoadBalancer[],
  services: NetworkService[], opened: readonly OpenedFlow[]): void {
  const toHttps = forwardsToHttpsOf(applicationLoadBalancers);
  flows.add('networkLoadBalancers', ...nlbs.flatMap(nlb => flowsOf(nlb, toHttps, services, opened)));
}

function flowsOf(nlb: NetworkLoadBalancer, toHttps: (listener: NetworkListenerSummary) => boolean, services: NetworkService[],
  opened: readonly OpenedFlow[]): Flow[] {
  const name = networkLoadBalancerEnd(nlb);
  const listeners = nlb.listeners.map(l => ({ l, ...encryptionOf(nlb, l, toHttps(l), listenerProp(nlb, l, services)) }));
  const ingress = opened.filter(o => o.reported && o.admittedBy === nlb.securityGroup).map(o => o.flow);
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

/** The prop of a service's listener (`web.networkListeners[0]`), for the plaintext error. */
function listenerProp(nlb: NetworkLoadBalancer, l: NetworkListenerSummary, services: NetworkService[]): string {
  const service = services.find(s => s.serviceName === l.target);
  const i = service?.networkListeners.findIndex(x => x.loadBalancer === nlb && x.port === l.port) ?? -1;
  return `${l.target}.networkListeners[${i}]`;
}
