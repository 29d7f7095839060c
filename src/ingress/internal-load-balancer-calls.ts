import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import type { IngressLoadBalancer } from './ingress-load-balancer';
import type { Flow } from '../flows/flow';
import { AddressFamily, FlowCarrier, FlowEncryption, FlowEndKind, tcp } from '../flows/flow';
import type { OpenedFlow } from '../flows/opened-flows';
import { securityGroupDescription } from '../private/aws-values/descriptions';
import { allowTcpBetweenGroups } from '../private/group-rules';
import { invalidProp } from '../private/validation';
import { ReachabilityKind } from '../report/report-types';
import { IngressAccess } from '../routing/ingress-access';
import type { NetworkService } from '../services/network-service';

/**
 * The calls services declare to the network's internal Application Load Balancers
 * (`callsInternalLoadBalancer`): each caller gets an egress rule to each internal load balancer's
 * security group on the port its clients use (443 with a certificate, else 80), and the load balancer
 * an ingress rule from the caller, so that the call works whatever the load balancer's `ingressPeers`
 * and the caller's egress. The rules go into the caller's stack, named after the load balancer: a
 * call's rules depend on the caller and the load balancer alone, never on the order of the services.
 * Services and load balancers come in any order: each pair is opened once both exist.
 */
export class InternalLoadBalancerCalls {
  private readonly callers: NetworkService[] = [];
  private readonly opened = new Set<string>();

  /** `openFlows` opens flows through the lifecycle, where `addLoadBalancerCallRules` derives their rules. */
  constructor(private readonly loadBalancers: () => readonly IngressLoadBalancer[],
    private readonly openFlows: (flows: readonly OpenedFlow[]) => void) {}

  /** A service joined: opens its calls to the internal load balancers that exist, if it declares them. */
  public addService(service: NetworkService): void {
    if (!service._plan.options.callsInternalLoadBalancer) return;
    this.callers.push(service);
    this.internal().forEach(lb => this.open(service, lb));
  }

  /** A load balancer was created: opens the calls of the callers that exist to it, if it is internal. */
  public addLoadBalancer(loadBalancer: IngressLoadBalancer): void {
    if (loadBalancer.access !== IngressAccess.INTERNAL) return;
    this.callers.forEach(caller => this.open(caller, loadBalancer));
  }

  /** A caller with no internal load balancer to call: an error that names the prop and the fix. */
  public validate(): string[] {
    if (this.callers.length === 0 || this.internal().length > 0) return [];
    return this.callers.map(caller => invalidProp(`${caller.serviceName}.callsInternalLoadBalancer`,
      'is true, but the network has no internal load balancer (no route has `access: IngressAccess.INTERNAL`)', true,
      'Route a service with `routing.access: IngressAccess.INTERNAL`, or remove `callsInternalLoadBalancer`.').message);
  }

  /** The flows of the declared calls: the caller to each internal load balancer, on its clients' port. */
  public flows(label: (lb: IngressLoadBalancer) => string, family: AddressFamily): Flow[] {
    return this.callers.flatMap(caller => this.internal().flatMap(lb => this.callFlows(caller, lb, label(lb), family)));
  }

  private callFlows(caller: NetworkService, lb: IngressLoadBalancer, label: string, family: AddressFamily): Flow[] {
    const https = lb.httpsListener !== undefined;
    const prop = lb._prop;
    return [{
      kind: ReachabilityKind.CALL,
      source: { kind: FlowEndKind.SERVICE, name: caller.serviceName },
      destination: { kind: FlowEndKind.LOAD_BALANCER, name: label },
      traffic: [tcp(clientPort(lb))],
      family,
      encryption: https ? FlowEncryption.TLS : FlowEncryption.PLAINTEXT,
      carrier: FlowCarrier.ALB_LISTENER,
      detail: `declared call (\`callsInternalLoadBalancer\`), ${https ? 'HTTPS' : 'HTTP'} listener`,
      plaintextBecause: https ? undefined : {
        prop: `${prop}.certificate`,
        problem: `is missing, so service \`${caller.serviceName}\` calls load balancer \`${lb.name}\` over plain HTTP`,
        value: undefined,
        fix: `Give \`${prop}.certificate\` for the internal load balancer's host names.`,
      },
    }];
  }

  private internal(): IngressLoadBalancer[] {
    return this.loadBalancers().filter(lb => lb.access === IngressAccess.INTERNAL);
  }

  private open(caller: NetworkService, lb: IngressLoadBalancer): void {
    const key = `${caller.serviceName}|${lb.name}`;
    if (this.opened.has(key)) return;
    this.opened.add(key);
    const [flow] = this.callFlows(caller, lb, `load balancer ${lb.name}`, AddressFamily.IPV4);
    this.openFlows([{
      flow,
      clients: caller.securityGroup,
      admittedBy: lb.loadBalancer.connections.securityGroups[0],
      sentBy: caller.securityGroup.allowAllOutbound ? undefined : caller.securityGroup,
      ruleDescription: securityGroupDescription(`From ${caller.serviceName} to the internal load balancer ${lb.name}: declared call`),
      ruleId: `CallsLoadBalancer${lb.name.replace(/[^A-Za-z0-9]/g, '')}`,
      openedBy: { construct: caller, prop: `${caller.serviceName}.callsInternalLoadBalancer` },
      reported: false,
    }]);
  }
}

/**
 * Derives the rules of the calls to internal load balancers from their opened flows: the load
 * balancer's group admits the caller's on the port, and the caller's group lets it out (`sentBy`),
 * as standalone rules in the caller's scope named after the load balancer (`<ruleId>`, `<ruleId>Out`).
 */
export function addLoadBalancerCallRules(flows: readonly OpenedFlow[], groups: readonly ec2.ISecurityGroup[]): void {
  for (const f of flows) {
    if (f.flow.kind !== ReachabilityKind.CALL || !f.admittedBy || !groups.includes(f.admittedBy) || !f.ruleId) continue;
    allowTcpBetweenGroups(f.openedBy.construct as Construct, f.ruleId, {
      source: f.clients as ec2.ISecurityGroup,
      target: f.admittedBy,
      port: f.flow.traffic[0].fromPort!,
      description: f.ruleDescription!,
      egress: f.sentBy !== undefined,
      egressId: `${f.ruleId}Out`,
    });
  }
}

/** The port a load balancer's clients call: 443 with an HTTPS listener (80 then only redirects), else 80. */
function clientPort(lb: IngressLoadBalancer): number {
  return lb.httpsListener !== undefined ? 443 : 80;
}
