import { Stack } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { IngressLoadBalancer } from './ingress-load-balancer';
import type { ReportRows } from '../report/report-rows';
import { loadBalancerLabels } from '../report/report-rows';
import type { LoadBalancerSummary } from '../report/report-types';
import { IngressAccess } from '../routing/ingress-access';
import { WEB_ACL_RULES } from '../routing/web-application-firewall';

/**
 * The Application Load Balancers in the report: a summary of each, what they put in the subnets and
 * what the cost estimate counts (their flows are in `ingress-flows.ts`).
 */
export function ingressReportRows(loadBalancers: IngressLoadBalancer[]): ReportRows {
  const label = loadBalancerLabels(loadBalancers);
  return {
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
      // one web ACL per kind, shared by its load balancers
      webAcls: [...new Set(loadBalancers.map(lb => lb.webApplicationFirewall).filter(f => f !== undefined))].map(() => ({ rules: WEB_ACL_RULES })),
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
