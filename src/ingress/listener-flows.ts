import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { IngressLoadBalancer } from './ingress-load-balancer';
import { clientsOf } from '../flows/clients';
import type { FlowSetting } from '../flows/flow';
import { FlowCarrier, FlowEncryption, FlowEndKind, tcp } from '../flows/flow';
import type { OpenedFlow } from '../flows/opened-flows';
import { ReachabilityKind } from '../report/report-types';
import { IngressAccess } from '../routing/ingress-access';
import { NetworkAclTier } from '../segmentation/network-acl-options';

/**
 * The flows an Application Load Balancer's listeners open, for each of its clients (`ingressPeers`,
 * or any address for an internet-facing one and the VPC for an internal one): 443 and 80 (which
 * redirects) with a certificate, else 80. Its security group admits them (`admitListenerFlows`), and
 * the network ACL of its tier: the public tier for an internet-facing load balancer, the tasks' tier
 * for an internal one, whose clients outside the VPC (`ingressPeers` over a VPN or a transit gateway)
 * a stateless ACL would otherwise drop.
 */
export function applicationListenerFlows(lb: IngressLoadBalancer, label: string): OpenedFlow[] {
  const sg = lb.loadBalancer.connections.securityGroups[0];
  const https = lb.httpsListener !== undefined;
  const listeners = https
    ? [
      { port: 443, listener: lb.httpsListener!, why: 'HTTPS from the allowed clients', detail: 'HTTPS listener', encryption: FlowEncryption.TLS },
      { port: 80, listener: lb.httpListener, why: 'HTTP from the allowed clients, redirected to HTTPS', detail: 'HTTP listener, redirects to HTTPS', encryption: FlowEncryption.REDIRECT },
    ]
    : [{ port: 80, listener: lb.httpListener, why: 'HTTP from the allowed clients', detail: 'HTTP listener', encryption: FlowEncryption.PLAINTEXT }];
  const plainHttp: FlowSetting = {
    prop: `${lb._prop}.certificate`,
    problem: `is missing, so load balancer \`${lb.name}\` serves plain HTTP on port 80`,
    value: undefined,
    fix: `Give \`${lb._prop}.certificate\` (or a public \`hostedZone\`): port 80 then only redirects to HTTPS.`,
  };
  const tier = lb.access === IngressAccess.PUBLIC ? NetworkAclTier.PUBLIC : NetworkAclTier.PRIVATE;
  return listeners.flatMap(l => lb._peers.map((peer): OpenedFlow => {
    const { end, family } = clientsOf(Stack.of(sg).resolve(peer.toIngressRuleConfig()));
    return {
      flow: {
        kind: ReachabilityKind.INGRESS,
        source: end,
        destination: { kind: FlowEndKind.LOAD_BALANCER, name: label },
        traffic: [tcp(l.port)],
        family,
        encryption: l.encryption,
        carrier: FlowCarrier.ALB_LISTENER,
        detail: l.detail,
        plaintextBecause: https ? undefined : plainHttp,
      },
      clients: peer,
      admittedBy: sg,
      ruleDescription: l.why,
      tier,
      openedBy: { construct: l.listener, prop: `${lb._prop}.ingressPeers` },
      // the report reads the load balancer's group, which admits other callers too (`listenerFlowsOf`)
      reported: false,
    };
  }));
}

/** Derives the security group's part of the clients' flows opened to an Application Load Balancer: its group admits each on its port. */
export function admitListenerFlows(lb: IngressLoadBalancer, flows: readonly OpenedFlow[]): void {
  const sg = lb.loadBalancer.connections.securityGroups[0];
  for (const f of flows.filter(x => x.admittedBy === sg && x.flow.kind === ReachabilityKind.INGRESS)) {
    for (const t of f.flow.traffic) sg.addIngressRule(f.clients, ec2.Port.tcp(t.fromPort!), f.ruleDescription ?? 'From the allowed clients');
  }
}
