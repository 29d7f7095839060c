import type { IngressLoadBalancer } from './ingress-load-balancer';
import type { AddressFamily, Flow } from '../flows/flow';
import { FlowCarrier, FlowEncryption, FlowEndKind, tcp } from '../flows/flow';
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

  constructor(private readonly loadBalancers: () => readonly IngressLoadBalancer[]) {}

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
  public flows(label: (lb: IngressLoadBalancer) => string, propOf: (lb: IngressLoadBalancer) => string, family: AddressFamily): Flow[] {
    return this.callers.flatMap(caller => this.internal().map(lb => {
      const https = lb.httpsListener !== undefined;
      const prop = propOf(lb);
      return {
        kind: ReachabilityKind.CALL,
        source: { kind: FlowEndKind.SERVICE, name: caller.serviceName },
        destination: { kind: FlowEndKind.LOAD_BALANCER, name: label(lb) },
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
      };
    }));
  }

  private internal(): IngressLoadBalancer[] {
    return this.loadBalancers().filter(lb => lb.access === IngressAccess.INTERNAL);
  }

  private open(caller: NetworkService, lb: IngressLoadBalancer): void {
    const key = `${caller.serviceName}|${lb.name}`;
    if (this.opened.has(key)) return;
    this.opened.add(key);
    const port = clientPort(lb);
    const target = lb.loadBalancer.connections.securityGroups[0];
    const description = securityGroupDescription(`From ${caller.serviceName} to the internal load balancer ${lb.name}: declared call`);
    const id = `CallsLoadBalancer${lb.name.replace(/[^A-Za-z0-9]/g, '')}`;
    allowTcpBetweenGroups(caller, id, {
      source: caller.securityGroup,
      target,
      port,
      description,
      egress: !caller.securityGroup.allowAllOutbound,
      egressId: `${id}Out`,
    });
  }
}

/** The port a load balancer's clients call: 443 with an HTTPS listener (80 then only redirects), else 80. */
function clientPort(lb: IngressLoadBalancer): number {
  return lb.httpsListener !== undefined ? 443 : 80;
}
