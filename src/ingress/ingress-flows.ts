import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { IngressLoadBalancer } from './ingress-load-balancer';
import { clientsOf } from '../flows/clients';
import type { AddressFamily, Flow, FlowSetting } from '../flows/flow';
import { FlowCarrier, FlowEncryption, FlowEndKind, tcp } from '../flows/flow';
import type { NetworkFlows } from '../flows/network-flows';
import { loadBalancerLabels } from '../report/report-rows';
import { ReachabilityKind } from '../report/report-types';
import { IngressAccess } from '../routing/ingress-access';
import { isHttpsTargetGroup } from '../routing/target-protocol';
import type { NetworkService } from '../services/network-service';

/**
 * The flows of the Application Load Balancers: clients to their listeners, then their routes to the
 * services (in `taskFamily`, the tasks' address family).
 */
export function writeIngressFlows(flows: NetworkFlows, loadBalancers: IngressLoadBalancer[], services: NetworkService[],
  taskFamily: AddressFamily, tasksLimitedFrom: (clients: string) => boolean): void {
  const label = loadBalancerLabels(loadBalancers);
  flows.add('applicationLoadBalancers',
    ...loadBalancers.flatMap(lb => listenerFlowsOf(lb, label(lb), lb._prop).map(f => withTaskCallers(lb, f, tasksLimitedFrom))),
    ...routeFlowsOf(services, label, taskFamily));
}

/**
 * An internal load balancer's port 80 admits the VPC, but with least-privilege egress the network's
 * own tasks let out 443 only (`tasksLimitedFrom` says which clients are the VPC, then): its row says
 * that they call it only with `callsInternalLoadBalancer`.
 */
function withTaskCallers(lb: IngressLoadBalancer, f: Flow, tasksLimitedFrom: (clients: string) => boolean): Flow {
  if (lb.access !== IngressAccess.INTERNAL || f.traffic[0]?.fromPort === 443 || !tasksLimitedFrom(f.source.name)) return f;
  return { ...f, detail: `${f.detail}; the network's tasks call it only with \`callsInternalLoadBalancer\` (their egress lets 443 out)` };
}

/** Who the security group of a load balancer admits, on which listener port. */
function listenerFlowsOf(ingress: IngressLoadBalancer, name: string, prop: string): Flow[] {
  const sg = ingress.loadBalancer.connections.securityGroups[0];
  const stack = Stack.of(sg);
  const inline: any[] = stack.resolve((sg.node.defaultChild as ec2.CfnSecurityGroup).securityGroupIngress) ?? [];
  const standalone = sg.node.children.filter((c): c is ec2.CfnSecurityGroupIngress => c instanceof ec2.CfnSecurityGroupIngress)
    .map(c => stack.resolve({
      cidrIp: c.cidrIp, sourcePrefixListId: c.sourcePrefixListId, sourceSecurityGroupId: c.sourceSecurityGroupId, fromPort: c.fromPort,
    }));
  const https = ingress.httpsListener !== undefined;
  const plainHttp: FlowSetting = {
    prop: `${prop}.certificate`,
    problem: `is missing, so load balancer \`${ingress.name}\` serves plain HTTP on port 80`,
    value: undefined,
    fix: `Give \`${prop}.certificate\` (or a public \`hostedZone\`): port 80 then only redirects to HTTPS.`,
  };
  return [...inline, ...standalone].map(rule => {
    const clients = clientsOf(rule);
    const port: number = rule.fromPort;
    let detail = 'HTTP listener';
    if (port === 443) detail = 'HTTPS listener';
    else if (https) detail = 'HTTP listener, redirects to HTTPS';
    return {
      kind: ReachabilityKind.INGRESS,
      source: clients.end,
      destination: { kind: FlowEndKind.LOAD_BALANCER, name },
      traffic: [tcp(port)],
      family: clients.family,
      encryption: !https ? FlowEncryption.PLAINTEXT : port === 443 ? FlowEncryption.TLS : FlowEncryption.REDIRECT,
      carrier: FlowCarrier.ALB_LISTENER,
      detail,
      plaintextBecause: https ? undefined : plainHttp,
    };
  });
}

/** Each route of each load balancer to its service: the main port's, then the routed named ports'. */
function routeFlowsOf(services: NetworkService[], label: (lb: IngressLoadBalancer) => string, taskFamily: AddressFamily): Flow[] {
  const main = services.flatMap(s => s.routes.map(route => ({
    s, r: s.routing!, route, port: s.containerPort, portName: undefined as string | undefined, prop: `${s.serviceName}.routing`,
  })));
  const named = services.flatMap(s => s.additionalPorts.filter(p => p.routing).flatMap(p => (s._parts.portRoutes[p.name] ?? []).map(route => ({
    s,
    r: p.routing!,
    route,
    port: p.containerPort as number | undefined,
    portName: p.name as string | undefined,
    prop: `${s.serviceName}.additionalPorts[${s.additionalPorts.indexOf(p)}].routing`,
  }))));
  return [...main, ...named].map(({ s, r, route, port, portName, prop }) => {
    const listener = route.loadBalancer.httpsListener ? 'HTTPS' : 'HTTP';
    const conditions = [
      r.hostHeaders?.length ? `hosts ${r.hostHeaders.join(' ')}` : undefined,
      r.pathPatterns?.length ? `paths ${r.pathPatterns.join(' ')}` : undefined,
      ...Object.entries(r.httpHeaders ?? {}).map(([h, v]) => `header ${h}: ${v.join(' ')}`),
      r.httpMethods?.length ? `methods ${r.httpMethods.join(' ')}` : undefined,
    ].filter(Boolean).join('; ');
    const how = route.priority === undefined ? 'default action' : `rule priority ${route.priority}`;
    const https = isHttpsTargetGroup(route.targetGroup);
    return {
      kind: ReachabilityKind.ROUTE,
      source: { kind: FlowEndKind.LOAD_BALANCER, name: label(route.loadBalancer) },
      destination: { kind: FlowEndKind.SERVICE, name: s.serviceName },
      traffic: [tcp(port!)],
      family: taskFamily,
      encryption: https ? FlowEncryption.TLS : FlowEncryption.PLAINTEXT,
      carrier: FlowCarrier.ALB_TARGET_GROUP,
      detail: `${listener} ${conditions} (${portName ? `port ${portName}, ` : ''}${how})${https ? ', HTTPS to the tasks' : ''}`,
      plaintextBecause: https ? undefined : {
        prop: `${prop}.protocol`,
        problem: 'is HTTP: the load balancer sends plain HTTP to the tasks',
        value: 'HTTP',
        fix: 'Serve TLS on the container port and set `protocol: elbv2.ApplicationProtocol.HTTPS` (the health check follows).',
      },
    };
  });
}
