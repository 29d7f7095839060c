import { DiscoveryMode } from '../discovery/discovery';
import type { IngressLoadBalancer } from '../ingress/ingress-load-balancer';
import type { ReportRows } from '../report/report-rows';
import { loadBalancerLabels } from '../report/report-rows';
import type { NetworkService } from '../services/network-service';

/** How each service deploys in the report, with the test routes of the deployments that shift traffic. */
export function deploymentsReportRows(services: NetworkService[], loadBalancers: IngressLoadBalancer[]): ReportRows {
  const label = loadBalancerLabels(loadBalancers);
  return {
    deployments: services.map(s => ({
      serviceName: s.serviceName,
      strategy: s.deployment.description,
      testRoutes: s.deployment.shiftsTraffic ? [
        ...s.routes.filter(r => r.testHeader).map(r => `${label(r.loadBalancer)}: header ${r.testHeader} (rule priority ${r.testPriority})`),
        ...(s.discovery.mode === DiscoveryMode.SERVICE_CONNECT
          ? [`Service Connect ${s.discoveryName}: header ${s.deployment._options.testHeaderName}: ${s.deployment._options.testHeaderValue}`] : []),
      ] : [],
    })),
  };
}
