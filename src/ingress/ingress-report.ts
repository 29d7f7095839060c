import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { IngressLoadBalancer } from './ingress-load-balancer';
import type { ReportRows } from '../report/report-rows';
import { loadBalancerLabels, peerLabel } from '../report/report-rows';
import type { LoadBalancerSummary, ReachabilityEntry } from '../report/report-types';
import { ReachabilityKind } from '../report/report-types';
import { IngressAccess } from '../routing/ingress-access';
import { isHttpsTargetGroup } from '../routing/target-protocol';
import type { NetworkService } from '../services/network-service';

/**
 * The Application Load Balancers in the report: who reaches their listeners, their routes to the
 * services, a summary of each, what they put in the subnets and what the cost estimate counts.
 */
export function ingressReportRows(loadBalancers: IngressLoadBalancer[], services: NetworkService[]): ReportRows {
  const label = loadBalancerLabels(loadBalancers);
  return {
    reachability: {
      applicationLoadBalancers: [
        ...loadBalancers.flatMap(lb => listenerIngressOf(lb, label(lb))),
        ...routesOf(services, label),
      ],
    },
    loadBalancers: loadBalancers.map(lb => summaryOf(lb, label(lb))),
    subnetUses: {
      public: loadBalancers.some(lb => lb.access === IngressAccess.PUBLIC) ? ['load balancer'] : [],
      // internal load balancers sit in the task subnets
      tasks: loadBalancers.some(lb => lb.access === IngressAccess.INTERNAL) ? ['load balancer'] : [],
    },
    cost: {
      loadBalancers: loadBalancers.map(lb => ({
        internetFacing: lb.access === IngressAccess.PUBLIC,
        publicIpv4: cfnOf(lb.loadBalancer).ipAddressType !== elbv2.IpAddressType.DUAL_STACK_WITHOUT_PUBLIC_IPV4,
      })),
    },
  };
}

function summaryOf(lb: IngressLoadBalancer, label: string): LoadBalancerSummary {
  const cfn = cfnOf(lb.loadBalancer);
  return {
    name: lb.name,
    label,
    access: lb.access === IngressAccess.PUBLIC ? 'internet-facing' : 'internal',
    address: `DNSName of ${Stack.of(cfn).getLogicalId(cfn)} in stack ${Stack.of(cfn).node.path}`,
    listener: lb.httpsListener ? 'HTTPS (port 80 redirects)' : 'HTTP',
    routes: lb.routeCount,
    hosts: lb.hosts,
    certificates: lb.certificates.length,
  };
}

function cfnOf(lb: elbv2.ApplicationLoadBalancer): elbv2.CfnLoadBalancer {
  return lb.node.defaultChild as elbv2.CfnLoadBalancer;
}

function listenerIngressOf(ingress: IngressLoadBalancer, destination: string): ReachabilityEntry[] {
  const sg = ingress.loadBalancer.connections.securityGroups[0];
  const stack = Stack.of(sg);
  const inline: any[] = stack.resolve((sg.node.defaultChild as ec2.CfnSecurityGroup).securityGroupIngress) ?? [];
  const standalone = sg.node.children.filter((c): c is ec2.CfnSecurityGroupIngress => c instanceof ec2.CfnSecurityGroupIngress)
    .map(c => stack.resolve({
      cidrIp: c.cidrIp, sourcePrefixListId: c.sourcePrefixListId, sourceSecurityGroupId: c.sourceSecurityGroupId, fromPort: c.fromPort,
    }));
  const listenerOf = (port: number) => {
    if (port === 443) return 'HTTPS listener';
    return ingress.httpsListener ? 'HTTP listener, redirects to HTTPS' : 'HTTP listener';
  };
  return [...inline, ...standalone].map(rule => ({
    kind: ReachabilityKind.INGRESS,
    source: peerLabel(rule),
    destination,
    port: `TCP ${rule.fromPort}`,
    detail: listenerOf(rule.fromPort),
    encrypted: rule.fromPort === 443 && ingress.httpsListener !== undefined,
  }));
}

function routesOf(services: NetworkService[], label: (lb: IngressLoadBalancer) => string): ReachabilityEntry[] {
  const main = services.flatMap(s => s.routes.map(route => ({
    s, r: s.routing!, route, port: s.containerPort, portName: undefined as string | undefined,
  })));
  const named = services.flatMap(s => s.additionalPorts.filter(p => p.routing).flatMap(p => (s._parts.portRoutes[p.name] ?? [])
    .map(route => ({ s, r: p.routing!, route, port: p.containerPort as number | undefined, portName: p.name as string | undefined }))));
  return [...main, ...named].map(({ s, r, route, port, portName }) => {
    const listener = route.loadBalancer.httpsListener ? 'HTTPS' : 'HTTP';
    const conditions = [
      r.hostHeaders?.length ? `hosts ${r.hostHeaders.join(' ')}` : undefined,
      r.pathPatterns?.length ? `paths ${r.pathPatterns.join(' ')}` : undefined,
      ...Object.entries(r.httpHeaders ?? {}).map(([h, v]) => `header ${h}: ${v.join(' ')}`),
      r.httpMethods?.length ? `methods ${r.httpMethods.join(' ')}` : undefined,
    ].filter(Boolean).join('; ');
    const how = route.priority === undefined ? 'default action' : `rule priority ${route.priority}`;
    return {
      kind: ReachabilityKind.ROUTE,
      source: label(route.loadBalancer),
      destination: s.serviceName,
      port: `TCP ${port}`,
      detail: `${listener} ${conditions} (${portName ? `port ${portName}, ` : ''}${how})${isHttpsTargetGroup(route.targetGroup) ? ', HTTPS to the tasks' : ''}`,
      encrypted: isHttpsTargetGroup(route.targetGroup),
    };
  });
}
